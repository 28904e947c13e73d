//! Tests of a feed's bytes as text.

use super::*;

fn encode(text: &str, name: &str) -> Vec<u8> {
    let encoding = Encoding::for_label(name.as_bytes()).unwrap();
    encoding.encode(text).0.into_owned()
}

fn utf16(text: &str, big: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|unit| {
            if big {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            }
        })
        .collect()
}

const DOC: &str = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><title>Ça va — £5</title></rss>";

#[test]
fn utf16_with_and_without_a_byte_order_mark() {
    for big in [true, false] {
        let plain = utf16(DOC, big);
        assert_eq!(decode(&plain, None, None).unwrap(), DOC);
        let mut marked = if big {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        marked.extend(&plain);
        assert_eq!(decode(&marked, None, None).unwrap(), DOC);
    }
    let spaced = utf16(&format!("\n {DOC}"), true);
    assert!(decode(&spaced, None, None).unwrap().contains("Ça va"));
}

#[test]
fn utf32_is_refused_in_words() {
    let mut doc = vec![0, 0, 0xFE, 0xFF];
    doc.extend(DOC.chars().flat_map(|c| (c as u32).to_be_bytes()));
    let error = decode(&doc, None, None).unwrap_err();
    assert!(error.contains("UTF-32"), "{error}");
    let little: Vec<u8> = DOC.chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
    assert!(decode(&little, None, None).is_err());
}

#[test]
fn the_header_wins_for_text_types_and_the_declaration_for_others() {
    let text = "<rss><title>£5 and “quotes”</title></rss>";
    let cp1252 = encode(text, "windows-1252");
    let header = Some("text/xml; charset=windows-1252");
    assert_eq!(decode(&cp1252, header, None).unwrap(), text);
    let declared = [
        b"<?xml version=\"1.0\" encoding=\"windows-1252\"?>".as_slice(),
        &cp1252,
    ]
    .concat();
    let read = decode(&declared, Some("application/xml; charset=utf-8"), None).unwrap();
    assert!(read.ends_with(text), "{read}");
    let koi8 = [
        b"<?xml version=\"1.0\"?>".as_slice(),
        &encode("<rss><title>Привет</title></rss>", "koi8-r"),
    ]
    .concat();
    let read = decode(&koi8, Some("application/rss+xml; charset=koi8-r"), None).unwrap();
    assert!(read.contains("Привет"), "{read}");
}

#[test]
fn iso_8859_1_is_read_as_windows_1252() {
    let doc = [
        b"<?xml version='1.0' encoding='ISO-8859-1'?><t>don".as_slice(),
        &[0x92],
        b"t</t>",
    ]
    .concat();
    assert!(decode(&doc, None, None).unwrap().contains("don’t"));
    let ascii = [
        b"<?xml version=\"1.0\" encoding=\"us-ascii\"?><t>".as_slice(),
        &[0x93, b'x', 0x94],
        b"</t>",
    ]
    .concat();
    assert!(decode(&ascii, None, None).unwrap().contains("“x”"));
}

#[test]
fn utf8_wins_over_a_wrong_declaration_and_survives_a_stray_byte() {
    let doc = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>Café — déjà</t>";
    assert_eq!(decode(doc.as_bytes(), None, None).unwrap(), doc);
    let damaged = [doc.as_bytes(), &[0xE9], "</x>".as_bytes()].concat();
    let read = decode(&damaged[doc.find("<t>").unwrap()..], None, None).unwrap();
    assert!(read.contains("Café — déjà</t>\u{FFFD}</x>"), "{read}");
}

#[test]
fn undeclared_legacy_text_is_guessed() {
    let russian = "<rss><title>Правительство объявило о новых мерах поддержки</title></rss>";
    let doc = encode(russian, "windows-1251");
    assert_eq!(
        decode(&doc, None, Some("https://news.example.ru/rss")).unwrap(),
        russian
    );
    let latin = encode(
        "<rss><title>Les élèves découvrent la forêt</title></rss>",
        "windows-1252",
    );
    assert!(
        decode(&latin, None, None)
            .unwrap()
            .contains("élèves découvrent la forêt")
    );
}
