//! Tests of the `[sync]` section and the password it names.

use super::*;

fn parse(text: &str) -> Result<SyncConfig, String> {
    toml::from_str::<SyncConfig>(text).map_err(|e| e.message().to_string())
}

#[test]
fn a_full_section_reads() {
    let config = parse(
        "server = \"greader\"\nurl = \"https://rss.example.com/api/greader.php/\"\n\
             username = \"alice\"\npassword_command = \"pass show rss\"\nevery = 0\n",
    )
    .unwrap();
    assert_eq!(config.url, "https://rss.example.com/api/greader.php");
    assert_eq!(config.host(), "rss.example.com");
    assert_eq!(config.every, 0);
    assert_eq!(
        config.password,
        PasswordSource::Command("pass show rss".into())
    );
}

#[test]
fn bad_sections_are_refused() {
    let base = "server = \"greader\"\nusername = \"a\"\n";
    let with_secret = format!("{base}url = \"https://alice:s3cret@rss.example/api\"");
    let error = parse(&with_secret).unwrap_err();
    assert!(
        error.contains("user name or password") && !error.contains("s3cret"),
        "{error}"
    );
    assert!(
        parse(&format!("{base}url = \"ftp://x\""))
            .unwrap_err()
            .contains("not a web address")
    );
    let both =
        format!("{base}url = \"https://x\"\npassword_file = \"f\"\npassword_command = \"c\"");
    assert!(parse(&both).unwrap_err().contains("not both"));
    assert!(parse("server = \"fever\"\nurl = \"https://x\"\nusername = \"a\"").is_err());
    assert!(parse(&format!("{base}url = \"https://x\"\nevery = 5000")).is_err());
    assert!(parse(&format!("{base}url = \"https://x\"\npasword = \"x\"")).is_err());
}

#[test]
fn the_password_comes_from_a_file_or_a_command_and_never_shows() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pw");
    std::fs::write(&file, "s3cret\nignored\n").unwrap();
    let mut config = parse(
        "server = \"greader\"\nurl = \"https://x\"\nusername = \"a\"\npassword_file = \"pw\"",
    )
    .unwrap();
    config.resolve_paths(|p| dir.path().join(p));
    // The environment variable is not set in this test binary's runs of it.
    if std::env::var_os(PASSWORD_VARIABLE).is_none() {
        let password = config.password().unwrap();
        assert_eq!(password.expose(), "s3cret");
        assert!(!format!("{password:?}").contains("s3cret"));
        config.password = PasswordSource::Command("printf 'abc\\n'".into());
        assert_eq!(config.password().unwrap().expose(), "abc");
        config.password = PasswordSource::Command("exit 3".into());
        assert!(config.password().unwrap_err().contains("failed"));
        config.password = PasswordSource::File(dir.path().join("missing"));
        let error = config.password().unwrap_err();
        assert!(error.contains("missing"), "{error}");
    }
}
