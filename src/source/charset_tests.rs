//! Tests of the text of a web page from its bytes.

use super::*;

fn encode(text: &str, name: &str) -> Vec<u8> {
    let encoding = Encoding::for_label(name.as_bytes()).unwrap();
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{text} in {name}");
    bytes.into_owned()
}

const RUSSIAN: &str =
    "Правительство объявило о новых мерах поддержки малого бизнеса в регионах страны.";
const JAPANESE: &str = "東京都は新しい防災計画を発表し、住民に避難経路の確認を呼びかけた。";
const CHINESE: &str = "国家统计局今天公布的数据显示，上个月的消费价格同比上涨了百分之二。";

#[test]
fn the_http_header_names_the_encoding() {
    let page = encode(&format!("<p>{RUSSIAN}</p>"), "windows-1251");
    let text = decode(&page, Some("text/html; charset=windows-1251"), None);
    assert!(text.contains(RUSSIAN), "{text}");
    let text = decode(&page, Some("text/html; Charset=\"CP1251\""), None);
    assert!(text.contains(RUSSIAN), "{text}");
}

#[test]
fn the_page_declares_its_encoding() {
    for (text, name) in [
        (RUSSIAN, "windows-1251"),
        (JAPANESE, "shift_jis"),
        (CHINESE, "gb18030"),
    ] {
        for head in [
            format!("<meta charset=\"{name}\">"),
            format!("<meta http-equiv=\"Content-Type\" content=\"text/html; charset={name}\">"),
            format!("<META CHARSET={name}>"),
        ] {
            let page = encode(&format!("<html><head>{head}</head><p>{text}</p>"), name);
            let decoded = decode(&page, Some("text/html"), None);
            assert!(decoded.contains(text), "{head}: {decoded}");
        }
    }
    let xml = encode(
        &format!("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><p>{JAPANESE}</p>"),
        "shift_jis",
    );
    assert!(decode(&xml, None, None).contains(JAPANESE));
}

#[test]
fn undeclared_legacy_encodings_are_guessed() {
    for (text, name, url) in [
        (RUSSIAN, "windows-1251", "https://news.example.ru/a"),
        (RUSSIAN, "windows-1251", "https://news.example.com/a"),
        (JAPANESE, "shift_jis", "https://news.example.jp/a"),
        (JAPANESE, "shift_jis", "https://news.example.com/a"),
        (CHINESE, "gb18030", "https://news.example.cn/a"),
        (CHINESE, "gb18030", "https://news.example.com/a"),
    ] {
        let page = encode(&format!("<html><p>{text}</p><p>{text}</p></html>"), name);
        let decoded = decode(&page, None, Some(url));
        assert!(decoded.contains(text), "{name} at {url}: {decoded}");
    }
}

#[test]
fn a_byte_order_mark_wins_and_utf8_is_kept_when_mislabelled() {
    let mut page = vec![0xEF, 0xBB, 0xBF];
    page.extend_from_slice(format!("<p>{RUSSIAN}</p>").as_bytes());
    assert!(decode(&page, Some("text/html; charset=windows-1251"), None).contains(RUSSIAN));
    let page = format!("<meta charset=iso-8859-1><p>{JAPANESE}</p>");
    assert!(decode(page.as_bytes(), None, None).contains(JAPANESE));
    let page = encode("<meta charset=iso-8859-1><p>Café crème</p>", "windows-1252");
    assert!(decode(&page, None, None).contains("Café crème"));
}

#[test]
fn nonsense_declarations_and_bytes_do_not_fail() {
    assert_eq!(
        decode(b"<meta charset=klingon><p>a</p>", None, None),
        "<meta charset=klingon><p>a</p>"
    );
    assert_eq!(
        decode(b"", Some("text/html; charset"), Some("nonsense")),
        ""
    );
    let text = decode(
        &[0xFF, 0xFE, 0xFD, b'<', 0x80],
        Some("text/html; charset=="),
        Some("https://x."),
    );
    assert!(!text.is_empty());
    assert_eq!(attribute_value(b"<meta charset=", b"charset"), None);
}
