//! `byline check`: exit codes, formats, errors.

mod common;
use common::{fixture, temp_dir};
use serde_json::Value;
use std::process::{Command, Output};

fn byline(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run byline")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn json_shape_one_object_per_file() {
    let dir = temp_dir("cli-json");
    std::fs::write(dir.join("a.txt"), fixture("plain-article.txt")).unwrap();
    std::fs::write(dir.join("b.md"), fixture("markdown-article.md")).unwrap();
    let o = byline(&["check", "--format", "json", "a.txt", "b.md"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "one JSON object per line");
    let a: Value = serde_json::from_str(lines[0]).unwrap();
    let b: Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(a["file"], "a.txt");
    for key in [
        "title",
        "sections",
        "sentences",
        "people",
        "quotes",
        "diagnostics",
    ] {
        assert!(a.get(key).is_some(), "missing {key}");
    }
    assert_eq!(
        a["title"]["title"],
        "Harbour council approves new ferry timetable after long debate"
    );
    assert_eq!(a["title"]["line"], 0);
    let secs: Vec<(&str, u64)> = a["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["title"].as_str().unwrap(), s["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        secs,
        vec![
            ("Residents react to the decision", 8),
            ("What happens next", 14)
        ]
    );
    // byte offsets: the section text at start..end begins with the heading
    let text = fixture("plain-article.txt");
    let s0 = &a["sections"][0];
    let (st, en) = (
        s0["start"].as_u64().unwrap() as usize,
        s0["end"].as_u64().unwrap() as usize,
    );
    assert!(text[st..en].starts_with("Residents react"));
    // sentences are byte spans covering the text; the café sentence is intact
    let sents: Vec<&str> = a["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &text[s["start"].as_u64().unwrap() as usize..s["end"].as_u64().unwrap() as usize])
        .collect();
    assert!(
        sents.contains(&"Officials said the first ferries would run at 5 a.m. from next month."),
        "{sents:#?}"
    );
    assert!(
        sents
            .iter()
            .any(|s| s.starts_with("\"This is the best news") && s.ends_with("near the pier."))
    );
    // setext line numbers point at the text line
    let md_secs: Vec<(String, u64)> = b["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["title"].as_str().unwrap().to_string(),
                s["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        md_secs.contains(&("Visitors and reaction".to_string(), 20)),
        "{md_secs:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn human_format_prints_an_outline() {
    let dir = temp_dir("cli-human");
    std::fs::write(dir.join("a.txt"), fixture("plain-article.txt")).unwrap();
    let o = byline(&["check", "a.txt"], &dir);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains(
            "title: Harbour council approves new ferry timetable after long debate (line 1)"
        ),
        "{out}"
    );
    assert!(
        out.contains("§ Residents react to the decision (line 9)"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn missing_file_and_bad_utf8_exit_2_naming_the_file() {
    let dir = temp_dir("cli-missing");
    std::fs::write(dir.join("ok.txt"), "Fine text.\n").unwrap();
    std::fs::write(dir.join("latin1.txt"), b"Caf\xe9 au lait.\n").unwrap();
    let o = byline(&["check", "nope.txt", "ok.txt"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("nope.txt: cannot read"),
        "{}",
        stderr(&o)
    );
    // the other file is still checked
    assert!(stdout(&o).contains("ok.txt"));
    let o = byline(&["check", "latin1.txt"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("latin1.txt: not valid UTF-8"),
        "{}",
        stderr(&o)
    );
    // usage errors are 2 as well
    let o = byline(&["check"], &dir);
    assert_eq!(o.status.code(), Some(2));
    let o = byline(&["check", "--fail-on", "sometimes", "ok.txt"], &dir);
    assert_eq!(o.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn broken_config_is_a_clear_error() {
    let dir = temp_dir("cli-config");
    std::fs::write(dir.join("a.txt"), "Text.\n").unwrap();
    std::fs::write(dir.join("byline.toml"), "[settings]\ndebounce = 3\n").unwrap();
    let o = byline(&["check", "a.txt"], &dir);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("byline.toml:2:1") && e.contains("unknown setting `debounce`"),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn empty_and_odd_files_do_not_crash() {
    let dir = temp_dir("cli-odd");
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("crlf.txt"), "Title\r\n\r\nOne. Two.\r\n").unwrap();
    std::fs::write(
        dir.join("emoji.md"),
        "# 😀\n\n😀😀. 🎉 \u{200d}\u{2028}x\n```\nunclosed",
    )
    .unwrap();
    let o = byline(
        &[
            "check",
            "--format",
            "json",
            "empty.txt",
            "crlf.txt",
            "emoji.md",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 3);
    std::fs::remove_dir_all(&dir).ok();
}

/// `--fail-on`: exit 1 only when a finding at or above the level exists.
#[test]
fn fail_on_levels() {
    let dir = temp_dir("cli-failon");
    std::fs::write(dir.join("clean.txt"), "The council met on Monday.\n").unwrap();
    let o = byline(&["check", "--fail-on", "hint", "clean.txt"], &dir);
    assert_eq!(o.status.code(), Some(0), "no findings, no failure");
    std::fs::write(
        dir.join("weasel.txt"),
        "Headline here\n\nCritics say the plan is flawed and many believe it will fail.\n",
    )
    .unwrap();
    let o = byline(&["check", "--format", "json", "weasel.txt"], &dir);
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let levels: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["severity"].as_str().unwrap())
        .collect();
    if levels.contains(&"warning") {
        assert_eq!(
            byline(&["check", "--fail-on", "warning", "weasel.txt"], &dir)
                .status
                .code(),
            Some(1)
        );
        assert_eq!(
            byline(&["check", "--fail-on", "error", "weasel.txt"], &dir)
                .status
                .code(),
            Some(0)
        );
        assert_eq!(
            byline(&["check", "weasel.txt"], &dir).status.code(),
            Some(0)
        );
    } else {
        panic!("expected a weasel-source warning, got {levels:?}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
