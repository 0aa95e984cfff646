//! Tests for attribution and the claim findings. All texts are invented.

use crate::analysis::blocks::BlockKind;
use crate::analysis::findings::Code;
use crate::analysis::people::{Gender, Mention, Person};
use crate::analysis::{Analysis, Analyzer, Input, SourceKind};
use crate::settings::{IgnoreEntry, Level, Settings};

fn run_with(text: &str, settings: &Settings, input: &Input) -> Analysis {
    Analyzer::analyze_once(text, settings, input)
}

fn run(text: &str) -> Analysis {
    run_with(text, &Settings::default(), &Input::default())
}

fn run_md(text: &str) -> Analysis {
    run_with(
        text,
        &Settings::default(),
        &Input {
            markdown: true,
            ..Input::default()
        },
    )
}

/// The attribution of the sentence containing `needle`.
fn attr<'a>(a: &'a Analysis, text: &str, needle: &str) -> Option<&'a crate::analysis::Attribution> {
    let at = text.find(needle).expect("needle in text");
    a.sentences
        .iter()
        .find(|s| s.span.start <= at && at < s.span.end)
        .expect("a sentence there")
        .attribution
        .as_deref()
}

fn source(a: &Analysis, text: &str, needle: &str) -> Option<String> {
    attr(a, text, needle).map(|x| x.source.clone())
}

/// (code, flagged text) of every finding.
fn found(a: &Analysis, text: &str) -> Vec<(Code, String)> {
    a.findings
        .iter()
        .map(|f| (f.code, text[f.span.clone()].to_string()))
        .collect()
}

fn has(a: &Analysis, code: Code) -> bool {
    a.findings.iter().any(|f| f.code == code)
}

// ---------------------------------------------------------------- cues

#[test]
fn subject_cue_and_titles_stripped() {
    let t = "Bridge to close\n\nCity mayor Jane Roe said on Monday the old bridge would close for a year.\n";
    let a = run(t);
    let at = attr(&a, t, "the old bridge").expect("attributed");
    assert_eq!(at.source, "Jane Roe");
    assert_eq!(at.cue, "said");
    assert_eq!(at.source_kind, SourceKind::Person);
    assert_eq!(&t[at.cue_span.clone()], "said");
    // the headline is never attributed
    assert!(a.sentences[0].attribution.is_none());
    assert!(a.findings.is_empty(), "{:?}", found(&a, t));
}

#[test]
fn inverted_and_tag_orders() {
    let t = "Storm\n\n\"We will rebuild every house,\" said Jane Roe.\n\n\"The water came in at night\", fire chief Tom Ash said.\n\nThe council will meet on Friday, its chairman said.\n";
    let a = run(t);
    assert_eq!(
        source(&a, t, "We will rebuild").as_deref(),
        Some("Jane Roe")
    );
    assert_eq!(source(&a, t, "The water came").as_deref(), Some("Tom Ash"));
    assert!(attr(&a, t, "The council will").is_some());
}

#[test]
fn according_to_and_organisations() {
    let t = "Floods\n\nAccording to the environment ministry, 40 per cent of the farms were flooded.\n\nThe rain will continue until Sunday, the Met Office said.\n";
    let a = run(t);
    let at = attr(&a, t, "40 per cent").expect("attributed");
    assert_eq!(at.source_kind, SourceKind::Organisation);
    assert!(at.source.contains("ministry"), "{}", at.source);
    assert_eq!(source(&a, t, "The rain").as_deref(), Some("Met Office"));
    // attributed figures are not unsourced statistics
    assert!(!has(&a, Code::UnsourcedStatistic), "{:?}", found(&a, t));
}

#[test]
fn parenthetical_and_appositive_subjects() {
    let t = "Talks\n\nRoe, who visited the site on Tuesday, said repairs would take a year.\n\nThe Deputy Mayor, Tom Ash, said the money was there.\n\nA spokeswoman for the harbour authority told reporters the port would reopen.\n";
    let a = run(t);
    assert_eq!(source(&a, t, "repairs would").as_deref(), Some("Roe"));
    assert_eq!(source(&a, t, "the money was").as_deref(), Some("Tom Ash"));
    let at = attr(&a, t, "the port would").expect("attributed");
    assert_eq!(at.source_kind, SourceKind::Role);
}

#[test]
fn not_cues() {
    // naming, phrasal verbs, nouns and passives of action are not attribution
    let t = "Notes\n\nThe quiz, called \"How Fit Are You\", takes ten minutes.\n\nThe coastguard called off its search at dawn.\n\nOne of the stated goals is lower prices.\n\nThe new rules will mean longer queues at the border.\n\nShe was tested and questioned for hours.\n";
    let a = run(t);
    for s in &a.sentences {
        assert!(
            s.attribution.is_none(),
            "{:?} on {:?}",
            s.attribution,
            &t[s.span.clone()]
        );
    }
}

#[test]
fn pronoun_sources_without_people() {
    let t = "Visit\n\nJane Roe toured the flooded streets on Monday. She said repairs would take a year.\n\n\"It will be hard,\" she said.\n";
    let a = run(t);
    assert_eq!(source(&a, t, "repairs would").as_deref(), Some("Jane Roe"));
    assert_eq!(
        source(&a, t, "It will be hard").as_deref(),
        Some("Jane Roe")
    );
}

#[test]
fn pronoun_sources_with_people_and_gender() {
    use crate::analysis::paragraph::{self, View};
    use crate::analysis::{Paragraph, Sentence};
    let text = "Jane Roe met Tom Ash on Monday. Afterwards he said the talks went well.";
    let settings = Settings::default();
    let r = paragraph::analyze(text, &[], BlockKind::Paragraph, &settings);
    let views = [View {
        kind: BlockKind::Paragraph,
        offset: 0,
        result: &r,
    }];
    let paragraphs = [Paragraph {
        kind: BlockKind::Paragraph,
        span: 0..text.len(),
        sentences: 0..r.sentences.len(),
    }];
    let mut sentences: Vec<Sentence> = r
        .sentences
        .iter()
        .map(|s| Sentence {
            span: s.clone(),
            paragraph: 0,
            attribution: None,
        })
        .collect();
    let person = |name: &str, g: Gender| Person {
        name: name.into(),
        gender: Some(g),
        descriptors: vec![],
        forms: vec![name.into()],
        mentions: vec![Mention {
            span: text.find(name).unwrap()..text.find(name).unwrap() + name.len(),
        }],
    };
    let people = vec![
        person("Jane Roe", Gender::Female),
        person("Tom Ash", Gender::Male),
    ];
    let mut mentions: Vec<(usize, usize, usize, usize)> = people
        .iter()
        .enumerate()
        .flat_map(|(p, x)| {
            x.mentions
                .iter()
                .enumerate()
                .map(move |(m, y)| (y.span.start, y.span.end, p, m))
        })
        .collect();
    mentions.sort();
    super::resolve(
        text,
        &views,
        &paragraphs,
        &mut sentences,
        &people,
        &mentions,
        &settings,
    );
    let at = sentences[1].attribution.as_ref().expect("attributed");
    assert_eq!(at.person, Some(1), "{at:?}");
    assert_eq!(at.source, "Tom Ash");
}

// ---------------------------------------------------------------- quotes

#[test]
fn quote_runs_over_paragraphs() {
    let t = "Plan\n\nRoe said: \"The first phase starts now.\n\n\"The second phase follows in spring. Then we rest.\"\n\nThe council meets on Friday.\n";
    let a = run(t);
    assert_eq!(source(&a, t, "The second phase").as_deref(), Some("Roe"));
    assert_eq!(source(&a, t, "Then we rest").as_deref(), Some("Roe"));
    assert!(source(&a, t, "The council meets").is_none());
    let q = a
        .quotes
        .iter()
        .find(|q| t[q.span.clone()].contains("first phase"))
        .expect("quote");
    assert!(
        t[q.span.clone()].contains("Then we rest"),
        "one quotation over two paragraphs"
    );
    assert_eq!(q.source.as_deref(), Some("Roe"));
}

#[test]
fn quote_sentences_and_tag_at_end() {
    let t = "Plan\n\nRoe told reporters the plan was sound. \"We have the money. We have the workers.\"\n\n\"It starts today. It ends in May,\" Roe added.\n";
    let a = run(t);
    assert_eq!(source(&a, t, "We have the money").as_deref(), Some("Roe"));
    assert_eq!(source(&a, t, "We have the workers").as_deref(), Some("Roe"));
    assert_eq!(source(&a, t, "It starts today").as_deref(), Some("Roe"));
}

#[test]
fn quote_without_speaker_fires() {
    let t = "Storm\n\nThe storm reached the coast on Monday night.\n\n\"We have never seen anything like this in our whole lives.\"\n\nThe roads reopened on Wednesday.\n";
    let a = run(t);
    let f = a
        .findings
        .iter()
        .find(|f| f.code == Code::QuoteWithoutSpeaker)
        .expect("quote-without-speaker");
    assert_eq!(f.level, Level::Warning);
    assert!(t[f.span.clone()].starts_with("\"We have never"));
    assert!(f.message.contains("no speaker"), "{}", f.message);
    let (at, ins) = f.fix.clone().expect("fix");
    assert_eq!(at, f.span.start);
    assert!(ins.contains('…'));
}

#[test]
fn quote_without_speaker_precise() {
    // scare quotes, titles, terms, cited headlines and quotes with a
    // speaker nearby are not flagged
    let t = "Notes\n\nThe so-called \"reform\" passed on Monday.\n\nShe starred in \"The Long Goodbye of a Summer Night\" in 1999.\n\nThe word \"resilient\" appears in every speech of the campaign so far.\n\n\"Flood waters rise across the northern valley\" — Valley Times, May 2.\n\nTom Ash, the fire chief, spoke to residents. \"Leave your homes now and go to the school hall.\"\n";
    let a = run(t);
    assert!(!has(&a, Code::QuoteWithoutSpeaker), "{:?}", found(&a, t));
}

#[test]
fn quoted_titles_in_tables_and_link_citations_are_not_speech() {
    let t = "# Sources\n\n| file | source |\n|---|---|\n| `a.txt` | Daily Post, \"Bystanders stop a man on the bridge with a fire extinguisher\" — https://example.org/a |\n\nSee also \"Council votes to close the old library next spring\" — https://example.org/b\n";
    let a = run_md(t);
    assert!(!has(&a, Code::QuoteWithoutSpeaker), "{:?}", found(&a, t));
    // the same sentence as speech, standing alone, is still flagged
    let t2 = "# Notes\n\nThe bridge reopened.\n\n\"Bystanders stop a man on the bridge with a fire extinguisher.\"\n\nTraffic resumed.\n";
    assert!(has(&run_md(t2), Code::QuoteWithoutSpeaker));
}

// ---------------------------------------------------------------- carry-over

#[test]
fn block_quotes_after_colon_carry() {
    let t = "# Plan\n\nJane Roe, the mayor, said:\n\n> We will rebuild every house.\n\n> It will take time and money.\n\nThe council meets on Friday.\n";
    let a = run_md(t);
    assert_eq!(
        source(&a, t, "We will rebuild").as_deref(),
        Some("Jane Roe")
    );
    assert_eq!(source(&a, t, "It will take").as_deref(), Some("Jane Roe"));
    assert!(source(&a, t, "The council meets").is_none());
}

#[test]
fn list_items_after_according_to_colon_carry() {
    let t = "# Survey\n\nAccording to the council's annual report:\n\n- Most roads reopened within a week.\n- Two bridges remain shut.\n\nThe work continues next year.\n";
    let a = run_md(t);
    assert!(source(&a, t, "Most roads").is_some());
    assert!(source(&a, t, "Two bridges").is_some());
    assert!(source(&a, t, "The work continues").is_none());
}

#[test]
fn no_carry_across_plain_paragraphs() {
    let t = "Bridge\n\nRoe said the bridge would close.\n\nThe bridge was built in 1920 and carries 9,000 cars a day.\n";
    let a = run(t);
    assert!(source(&a, t, "The bridge was built").is_none());
}

#[test]
fn continuation_in_paragraph() {
    let t = "Plan\n\nAccording to a statement from the ministry, the first goal is safer roads. The other goal is cleaner air.\n";
    let a = run(t);
    assert!(source(&a, t, "The other goal").is_some());
}

// ---------------------------------------------------------------- codes

#[test]
fn vague_source_fires() {
    let t = "Bridge\n\nOfficials said the bridge would close.\n\nThe mayor reportedly left the city on Friday.\n\nIt was announced that the school would close.\n\nBy some reports, the damage ran into millions.\n";
    let a = run(t);
    let f = found(&a, t);
    assert!(
        f.contains(&(Code::VagueSource, "Officials said".into())),
        "{f:?}"
    );
    assert!(
        f.contains(&(Code::VagueSource, "reportedly".into())),
        "{f:?}"
    );
    assert!(
        f.contains(&(Code::VagueSource, "It was announced".into())),
        "{f:?}"
    );
    assert!(
        f.iter()
            .any(|(c, x)| *c == Code::VagueSource && x.contains("reports")),
        "{f:?}"
    );
    let v = a
        .findings
        .iter()
        .find(|f| f.code == Code::VagueSource)
        .unwrap();
    assert_eq!(v.level, Level::Information);
    assert!(v.message.starts_with("“Officials said”"), "{}", v.message);
    // the sentence with only a vague source is not attributed
    assert!(source(&a, t, "Officials said").is_none());
}

#[test]
fn vague_source_not_when_named_nearby() {
    let t = "Bridge\n\nOfficials said the bridge would close. A ministry official, Jane Roe, said repairs would take a year.\n\nThe minister reportedly said the deal was off.\n\nThe mayor reportedly left the city, according to the Harbour Gazette.\n";
    let a = run(t);
    assert!(!has(&a, Code::VagueSource), "{:?}", found(&a, t));
    assert!(source(&a, t, "The minister reportedly").is_some());
}

#[test]
fn weasel_source_fires_and_not() {
    let t = "Plan\n\nCritics say the plan is too costly.\n\nSome experts believe the dam is unsafe.\n\nThe plan passed amid criticism that it was rushed.\n\nIt is widely believed that the mine will close.\n";
    let a = run(t);
    let f = found(&a, t);
    assert_eq!(
        f.iter().filter(|(c, _)| *c == Code::WeaselSource).count(),
        4,
        "{f:?}"
    );
    assert!(f.iter().all(|(c, _)| *c == Code::WeaselSource), "{f:?}");
    let t2 = "Plan\n\nThe plan passed despite criticism from the mayor, Jane Roe.\n\nThe researchers found that the dam was safe.\n";
    let a2 = run(t2);
    assert!(!has(&a2, Code::WeaselSource), "{:?}", found(&a2, t2));
}

#[test]
fn unsourced_statistic_fires_and_not() {
    let t = "Jobs\n\nUnemployment fell to 4.2 per cent last year.\n\nMore than 2 million people visited the park.\n\nSmokers are three times more likely to fall ill.\n";
    let a = run(t);
    let f = found(&a, t);
    assert!(
        f.contains(&(Code::UnsourcedStatistic, "4.2 per cent".into())),
        "{f:?}"
    );
    assert!(
        f.iter()
            .any(|(c, x)| *c == Code::UnsourcedStatistic && x.contains("2 million people")),
        "{f:?}"
    );
    assert!(
        f.iter()
            .any(|(c, x)| *c == Code::UnsourcedStatistic && x.contains("times more likely")),
        "{f:?}"
    );
    // attributed, thresholds and decided rates, official results, scores,
    // and the tally of a single event are not unsourced statistics
    let t2 = "Jobs\n\nUnemployment fell to 4.2 per cent, the statistics office said.\n\nCandidates must win at least 15% of the vote to qualify.\n\nThe bank raised interest rates to 5.25% on Thursday.\n\nThe party won 1,200 seats in 2019.\n\nThe match ended 3-1 after 90 minutes.\n\nAbout 10,000 people were evacuated from the valley on Monday.\n";
    let a2 = run(t2);
    assert!(!has(&a2, Code::UnsourcedStatistic), "{:?}", found(&a2, t2));
    // a finding of researchers the article has introduced is sourced
    let t3 = "Crops\n\nA team at the university studied wheat. The scientists found yields fell by 12% over ten years.\n";
    let a3 = run(t3);
    assert!(!has(&a3, Code::UnsourcedStatistic), "{:?}", found(&a3, t3));
    assert_eq!(
        source(&a3, t3, "yields fell").as_deref(),
        Some("scientists")
    );
}

#[test]
fn unsupported_assertion_fires_and_not() {
    let t = "Mayor\n\nThe mayor has become increasingly frustrated with the council.\n\nThe plan apparently failed.\n\nThe outcome of the talks remains unclear.\n";
    let a = run(t);
    let f = found(&a, t);
    assert!(
        f.iter().any(
            |(c, x)| *c == Code::UnsupportedAssertion && x.ends_with("increasingly frustrated")
        ),
        "{f:?}"
    );
    assert!(
        f.contains(&(Code::UnsupportedAssertion, "apparently".into())),
        "{f:?}"
    );
    assert!(
        f.iter()
            .any(|(c, x)| *c == Code::UnsupportedAssertion && x.contains("unclear")),
        "{f:?}"
    );
    assert!(a.findings.iter().all(|f| f.level == Level::Hint));
    // in quotations and attributed sentences it is the speaker's view; a
    // modifier inside a factual sentence is not the point of the sentence
    let t2 = "Mayor\n\n\"I am increasingly frustrated,\" Roe said.\n\nRoe said the plan apparently failed.\n\nThe famed bridge reopened on Monday.\n";
    let a2 = run(t2);
    assert!(
        !has(&a2, Code::UnsupportedAssertion),
        "{:?}",
        found(&a2, t2)
    );
}

#[test]
fn finding_fix_and_span() {
    let t = "Jobs\n\nUnemployment fell to 4.2 per cent last year.\n";
    let a = run(t);
    let f = &a.findings[0];
    let (at, ins) = f.fix.clone().unwrap();
    assert_eq!(at, t.find(" last year.").unwrap() + " last year".len());
    assert_eq!(ins, ", according to …");
    assert!(
        f.span.end - f.span.start < 20,
        "the range is the phrase, not the sentence"
    );
}

// ---------------------------------------------------------------- settings

#[test]
fn severity_from_settings_and_off() {
    let mut s = Settings::default();
    s.codes.insert("vague-source".into(), Level::Off);
    s.codes.insert("weasel-source".into(), Level::Error);
    let t =
        "Plan\n\nOfficials said the bridge would close.\n\nCritics say the plan is too costly.\n";
    let a = run_with(t, &s, &Input::default());
    assert!(!has(&a, Code::VagueSource));
    let w = a
        .findings
        .iter()
        .find(|f| f.code == Code::WeaselSource)
        .unwrap();
    assert_eq!(w.level, Level::Error);
}

#[test]
fn extra_phrases_from_settings() {
    let s = Settings {
        extra_vague_phrases: vec!["insiders whispered".into()],
        extra_weasel_phrases: vec!["pundits reckon".into()],
        ..Settings::default()
    };
    let t = "Deal\n\nInsiders whispered that the deal was done.\n\nPundits reckon the deal will fail.\n";
    let a = run_with(t, &s, &Input::default());
    let f = found(&a, t);
    assert!(
        f.contains(&(Code::VagueSource, "Insiders whispered".into())),
        "{f:?}"
    );
    assert!(
        f.contains(&(Code::WeaselSource, "Pundits reckon".into())),
        "{f:?}"
    );
    // without the settings, nothing
    let a0 = run(t);
    assert!(
        !has(&a0, Code::VagueSource) && !has(&a0, Code::WeaselSource),
        "{:?}",
        found(&a0, t)
    );
}

// ---------------------------------------------------------------- suppression

#[test]
fn suppression_comments() {
    let t = "# Plan\n\n<!-- byline-disable-next-line vague-source -->\nOfficials said the bridge would close.\n\nOfficials said the port would close.\n\n<!-- byline-disable weasel-source, unsourced-statistic -->\n\nCritics say the plan is too costly and 40 per cent oppose it.\n\n<!-- byline-enable weasel-source -->\n\nCritics say the tax is unfair.\n\n<!-- byline-disable vague-sauce -->\n\nOfficials said the road would close.\n";
    let a = run_md(t);
    let f = found(&a, t);
    let vague: Vec<usize> = a
        .findings
        .iter()
        .filter(|f| f.code == Code::VagueSource)
        .map(|f| f.span.start)
        .collect();
    // the first "Officials said" is silenced; the second and the one after
    // a comment with a misspelt code are not
    assert_eq!(vague.len(), 2, "{f:?}");
    assert!(vague[0] > t.find("the port").unwrap() - 30);
    // weasel silenced until enabled again; the statistic stays silenced
    let weasel: Vec<&(Code, String)> = f.iter().filter(|(c, _)| *c == Code::WeaselSource).collect();
    assert_eq!(weasel.len(), 1, "{f:?}");
    assert!(!has(&a, Code::UnsourcedStatistic), "{f:?}");
}

#[test]
fn suppression_ignore_entries() {
    let t =
        "Plan\n\nOfficials said the bridge would close.\n\nCritics say the plan is too costly.\n";
    let ignore = vec![IgnoreEntry {
        code: "vague-source".into(),
        text: "officials said".into(),
        file: None,
    }];
    let a = run_with(
        t,
        &Settings::default(),
        &Input {
            path: "news/plan.txt",
            ignore: &ignore,
            ..Input::default()
        },
    );
    assert!(!has(&a, Code::VagueSource));
    assert!(has(&a, Code::WeaselSource));
    // another file, another text: not suppressed
    let other = vec![
        IgnoreEntry {
            code: "vague-source".into(),
            text: "Officials said".into(),
            file: Some("other.txt".into()),
        },
        IgnoreEntry {
            code: "vague-source".into(),
            text: "something else".into(),
            file: None,
        },
    ];
    let a = run_with(
        t,
        &Settings::default(),
        &Input {
            path: "news/plan.txt",
            ignore: &other,
            ..Input::default()
        },
    );
    assert!(has(&a, Code::VagueSource));
}

// ---------------------------------------------------------------- robustness

#[test]
fn odd_inputs_do_not_panic() {
    let long = "said \"".repeat(2000);
    let inputs = [
        "",
        "\"",
        "“",
        "”",
        "'",
        "said",
        "He said.",
        "😀 said 😀 \"😀\"",
        "A\r\n\r\n\"B,\" said C.\r\n",
        "According to",
        "according to ,",
        "in the words of",
        "\"a\" \"b\" \"c\" \"d",
        "officials said officials said officials said",
        "100% 200% per cent per",
        "– — ‘ ’ „ « » ‹ ›",
        long.as_str(),
    ];
    for t in inputs {
        let a = run(t);
        for f in &a.findings {
            assert!(t.is_char_boundary(f.span.start) && t.is_char_boundary(f.span.end));
            if let Some((at, _)) = &f.fix {
                assert!(t.is_char_boundary(*at));
            }
        }
        for s in &a.sentences {
            if let Some(at) = &s.attribution {
                assert!(
                    t.is_char_boundary(at.cue_span.start) && t.is_char_boundary(at.cue_span.end)
                );
            }
        }
        let _ = run_md(t);
    }
}

/// CPU time of this thread (the machine is shared: wall time is noisy).
fn cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

/// Timing of the attribution passes on a big file (run with
/// `BYLINE_BENCH=/path/big.txt cargo test --release bench_attribution -- --ignored --nocapture`).
#[test]
#[ignore]
fn bench_attribution() {
    let Some(path) = std::env::var_os("BYLINE_BENCH") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let settings = Settings {
        max_document_bytes: usize::MAX / 2,
        ..Settings::default()
    };
    let paras: Vec<&str> = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let sents: Vec<Vec<crate::analysis::text::Span>> = paras
        .iter()
        .map(|p| crate::analysis::sentences::split(p))
        .collect();
    let t0 = cpu();
    let mut n = 0;
    for (p, s) in paras.iter().zip(&sents) {
        let r = super::scan(p, BlockKind::Paragraph, s, &Default::default(), &settings);
        n += r.cues.len();
    }
    let scan = cpu() - t0;
    let t1 = cpu();
    let a = Analyzer::analyze_once(&text, &settings, &Input::default());
    let all = cpu() - t1;
    let t2 = cpu();
    let json = crate::report::to_json("big.txt", &text, &a).to_string();
    let out = cpu() - t2;
    let mb = text.len() as f64 / 1e6;
    eprintln!(
        "{mb:.1} MB (CPU time): attribution scan {scan:.3}s ({:.0} MB/s, {n} cues); whole analysis {all:.3}s ({:.0} MB/s), {} findings; JSON {out:.3}s ({} bytes)",
        mb / scan,
        mb / all,
        a.findings.len(),
        json.len()
    );
}

/// Print what the per-paragraph pass finds in `BYLINE_DEBUG` (a paragraph).
#[test]
#[ignore]
fn debug_scan() {
    let Some(t) = std::env::var_os("BYLINE_DEBUG") else {
        return;
    };
    let t = t.into_string().unwrap_or_default();
    let sents = crate::analysis::sentences::split(&t);
    let r = super::scan(
        &t,
        BlockKind::Paragraph,
        &sents,
        &Default::default(),
        &Settings::default(),
    );
    for c in &r.cues {
        eprintln!(
            "cue {:?} {:?} src={:?}",
            &t[c.cue.clone()],
            c.kind,
            &t[c.source.span()]
        );
    }
    for tr in &r.triggers {
        eprintln!("trig {:?} {:?} {:?}", tr.code, tr.kind, &t[tr.span.clone()]);
    }
    for q in &r.quotes {
        eprintln!("quote {q:?}");
    }
}

/// Timing on the synthetic article used by the server tests.
#[test]
#[ignore]
fn bench_synth() {
    let text = crate::synth::article(8_000_000);
    let t1 = cpu();
    let a = Analyzer::analyze_once(&text, &Settings::default(), &Input::default());
    eprintln!(
        "synth 8 MB: {:.3}s CPU, {} findings, {} quotes",
        cpu() - t1,
        a.findings.len(),
        a.quotes.len()
    );
}
