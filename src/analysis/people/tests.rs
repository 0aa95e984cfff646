use super::*;
use crate::analysis::{Analyzer, Input};

fn people(text: &str) -> Vec<Person> {
    Analyzer::analyze_once(text, &Settings::default(), &Input::default()).people
}

/// Debug helper: `BYLINE_DUMP=file cargo test --release dump_candidates -- --ignored --nocapture`
#[test]
#[ignore]
fn dump_candidates() {
    let Ok(path) = std::env::var("BYLINE_DUMP") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let mut az = Analyzer::new(Settings::default());
    let a = az.analyze(&text, &Input::default());
    for p in &a.paragraphs {
        let t = &text[p.span.clone()];
        let sents: Vec<Span> = a.sentences[p.sentences.clone()]
            .iter()
            .map(|s| s.span.start - p.span.start..s.span.end - p.span.start)
            .collect();
        let pp = scan(t, p.kind, &sents);
        for c in &pp.cands {
            let pre = c.pre.clone().map(|s| &t[s]);
            let post = c.post.clone().map(|s| &t[s]);
            println!(
                "{:?} ev={:#b} pre={:?} post={:?}",
                &t[c.span.clone()],
                c.ev,
                pre,
                post
            );
        }
    }
    for p in &a.people {
        let ms: Vec<&str> = p.mentions.iter().map(|m| &text[m.span.clone()]).collect();
        let ds: Vec<&str> = p.descriptors.iter().map(|d| d.text.as_str()).collect();
        println!("PERSON {} {:?} {:?} {:?}", p.name, p.gender, ds, ms);
    }
}

#[test]
fn smoke() {
    let p = people("Title\n\nPresident Vladimir Putin met Donald Trump. Putin said so.\n");
    assert_eq!(p.len(), 2);
}

/// CPU time of this thread in seconds (Linux schedstat; wall time elsewhere).
fn cpu_now() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map(|ns| ns / 1e9)
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs_f64())
                .unwrap_or(0.0)
        })
}

/// Throughput (CPU time of the analysing thread, so other load on the
/// machine matters less):
/// `BYLINE_BENCH=big.txt cargo test --release bench_people -- --ignored --nocapture`
#[test]
#[ignore]
fn bench_people() {
    let Ok(path) = std::env::var("BYLINE_BENCH") else {
        return;
    };
    let text = if path == "synth" {
        crate::synth::article(8_000_000)
    } else {
        std::fs::read_to_string(path).unwrap()
    };
    let s = Settings {
        max_document_bytes: usize::MAX / 2,
        ..Settings::default()
    };
    let mb = text.len() as f64 / 1e6;
    let _ = Analyzer::analyze_once(
        "Warm up the lexicon. John Smith said.",
        &s,
        &Input::default(),
    );
    let mut best = (f64::MAX, f64::MAX, f64::MAX);
    let mut np = 0;
    for _ in 0..3 {
        let mut az = Analyzer::new(s.clone());
        let t0 = cpu_now();
        let a = az.analyze(&text, &Input::default());
        let full = cpu_now() - t0;
        let t1 = cpu_now();
        let _ = az.analyze(&text, &Input::default());
        let doc = cpu_now() - t1;
        // the per-paragraph people scan alone
        let t2 = cpu_now();
        for p in &a.paragraphs {
            let t = &text[p.span.clone()];
            let sents: Vec<Span> = a.sentences[p.sentences.clone()]
                .iter()
                .map(|s| s.span.start - p.span.start..s.span.end - p.span.start)
                .collect();
            std::hint::black_box(scan(t, p.kind, &sents));
        }
        let sc = cpu_now() - t2;
        np = a.people.len();
        best = (best.0.min(full), best.1.min(doc), best.2.min(sc));
    }
    println!(
        "{mb:.1} MB, {np} people: full analysis {:.1} MB/s; document pass (paragraph cache warm) {:.1} MB/s; people::scan alone {:.1} MB/s",
        mb / best.0,
        mb / best.1,
        mb / best.2
    );
}

fn names(text: &str) -> Vec<(String, Vec<String>)> {
    people(text)
        .into_iter()
        .map(|p| {
            let ms = p
                .mentions
                .iter()
                .map(|m| text[m.span.clone()].to_string())
                .collect();
            (p.name, ms)
        })
        .collect()
}

fn mentions(text: &str) -> Vec<String> {
    let mut v: Vec<(usize, String)> = people(text)
        .into_iter()
        .flat_map(|p| p.mentions.into_iter())
        .map(|m| (m.span.start, text[m.span].to_string()))
        .collect();
    v.sort();
    v.into_iter().map(|(_, s)| s).collect()
}

#[test]
fn possessives_end_before_apostrophe_s() {
    let t = "Talks stall\n\nThe envoy Marta Kowalczyk arrived. Kowalczyk’s plan and Kowalczyk's aides were praised.\n";
    assert_eq!(
        mentions(t),
        vec!["Marta Kowalczyk", "Kowalczyk", "Kowalczyk"]
    );
    let t2 = "Talks\n\nSenator James Ridley spoke. Ridley’s office said nothing.\n";
    let p = people(t2);
    assert_eq!(p.len(), 1);
    assert_eq!(&t2[p[0].mentions[1].span.clone()], "Ridley");
}

#[test]
fn titles_are_outside_the_span() {
    let t = "Visit\n\nPresident Ana Lindqvist met Queen Elizabeth II and Pope Francis in Rome. Prime Minister Tomas Berg attended.\n";
    let m = mentions(t);
    assert_eq!(
        m,
        vec!["Ana Lindqvist", "Elizabeth II", "Francis", "Tomas Berg"]
    );
    let p = people(t);
    let ana = p.iter().find(|p| p.name == "Ana Lindqvist").unwrap();
    assert_eq!(ana.descriptors[0].text, "President");
    let tomas = p.iter().find(|p| p.name == "Tomas Berg").unwrap();
    assert_eq!(tomas.descriptors[0].text, "Prime Minister");
}

#[test]
fn initials_particles_hyphens_apostrophes_diacritics() {
    let t = "Names\n\nDonald J. Trump met Recep Tayyip Erdoğan, Eva Glawischnig-Piesczek, Beto O'Rourke and Bashar al-Assad. Later al-Assad and Erdogan spoke, and Ludwig van Beethoven was played.\n";
    let m = mentions(t);
    for want in [
        "Donald J. Trump",
        "Recep Tayyip Erdoğan",
        "Eva Glawischnig-Piesczek",
        "Beto O'Rourke",
        "Bashar al-Assad",
        "Ludwig van Beethoven",
    ] {
        assert!(m.contains(&want.to_string()), "{want} missing from {m:?}");
    }
    let p = people(t);
    let erd = p.iter().find(|p| p.name == "Recep Tayyip Erdoğan").unwrap();
    // the ASCII spelling links to the diacritic one
    assert_eq!(erd.mentions.len(), 2);
    let assad = p.iter().find(|p| p.name == "Bashar al-Assad").unwrap();
    assert_eq!(assad.mentions.len(), 2);
}

#[test]
fn shared_surnames_stay_apart() {
    let t = "Two Khans\n\nOn Friday, 28-year-old Omar Reyes attacked a bus. Reyes was arrested.\n\n\"We are shocked,\" said Mayor Lucia Reyes (no relation). Reyes said the city would help.\n\nPolice said Reyes had a record.\n";
    let p = people(t);
    let omar = p.iter().find(|p| p.name == "Omar Reyes").unwrap();
    let lucia = p.iter().find(|p| p.name == "Lucia Reyes").unwrap();
    // the bare surname in Lucia's paragraph is hers; elsewhere the first-introduced Omar's
    assert_eq!(lucia.mentions.len(), 2);
    assert_eq!(omar.mentions.len(), 3);
}

#[test]
fn organisations_works_places_are_not_people() {
    let t = "Tribute\n\nThe Nora Bell Animal Foundation and The Nora Bell Show honoured Nora Bell in London on Monday. She posted on X from the Kremlin. Russia and Ukraine reacted, and Microsoft said it agreed.\n";
    let m = mentions(t);
    assert_eq!(m, vec!["Nora Bell"]);
}

#[test]
fn place_names_ending_in_a_place_word_are_not_people() {
    // "York City" after the place word "New" is not "Tony Hall"
    let t = "Campaign\n\nAna Ruiz, formerly the mayor of New York City, ended her campaign. The museum is in New York City. Director Tony Hall agreed.\n";
    let m = mentions(t);
    assert_eq!(m, vec!["Ana Ruiz", "Tony Hall"]);
    // "the" before place words and a two-word name: an organisation
    let t = "Aid\n\nThe scheme was backed by the British Red Cross in May.\n";
    assert!(mentions(t).is_empty(), "{:?}", mentions(t));
}

#[test]
fn names_in_a_list_with_known_people_are_people() {
    // "Tavita Olumide" has no evidence of its own; listed with two names the
    // gazetteers know, it is a person, and so is its later surname
    let t = "Match\n\nThe side attacked early with Tavita Olumide, Yannick Martin, and David Moss. Later Olumide scored.\n";
    let m = mentions(t);
    assert_eq!(
        m,
        vec!["Tavita Olumide", "Yannick Martin", "David Moss", "Olumide"]
    );
    // a comma between single words is no list of people
    let t2 = "Camps\n\nThe Rohingya, Kachin and Shan fled.\n";
    assert!(mentions(t2).is_empty(), "{:?}", mentions(t2));
}

#[test]
fn label_consistency_spreads_a_name() {
    // "Okonkwo" is accepted once (after a title), then tagged everywhere, also
    // at a sentence start and in the headline
    let t = "Okonkwo wins vote\n\nGovernor Okonkwo won the vote. Okonkwo thanked voters. Analysts praised Okonkwo.\n";
    let m = mentions(t);
    assert_eq!(m.len(), 4, "{m:?}");
    assert_eq!(people(t).len(), 1);
}

/// The descriptor texts of the person called `name`.
fn descriptors_of(people: &[Person], name: &str) -> Vec<String> {
    people
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} not found in {people:?}"))
        .descriptors
        .iter()
        .map(|d| d.text.clone())
        .collect()
}

#[test]
fn descriptors_from_titles_and_appositives() {
    let t = "Talks\n\nKremlin aide Pavel Orlov said talks went well. Irina Sokolova, advisor to Ukrainian President Andriy Melnyk, wrote on Friday that talks continue. Melnyk, formerly a football coach and now a diplomat, agreed. Indian Prime Minister Ravi Kumar visited.\n";
    let p = people(t);
    let d = |n: &str| descriptors_of(&p, n);
    assert_eq!(d("Pavel Orlov"), vec!["Kremlin aide"]);
    assert_eq!(
        d("Irina Sokolova"),
        vec!["advisor to Ukrainian President Andriy Melnyk"]
    );
    assert_eq!(
        d("Andriy Melnyk"),
        vec![
            "Ukrainian President",
            "formerly a football coach and now a diplomat"
        ]
    );
    assert_eq!(d("Ravi Kumar"), vec!["Indian Prime Minister"]);
    // every descriptor is a verbatim substring at its span
    for person in &p {
        for desc in &person.descriptors {
            assert_eq!(&t[desc.span.clone()], desc.text);
        }
    }
}

#[test]
fn descriptors_with_of_to_for_and_possessors() {
    let t = "Talks\n\nFormer Chilean Ambassador to the United Nations Marta Reyes spoke first. The Green Party's leader Tomas Ek agreed. Riverside Institute for Ocean Studies marine biologist Lena Holm disagreed. Helga Brandt, adviser to Finance Minister Jonas Vik, left early.\n";
    let p = people(t);
    let d = |n: &str| descriptors_of(&p, n);
    assert_eq!(
        d("Marta Reyes"),
        vec!["Former Chilean Ambassador to the United Nations"]
    );
    assert_eq!(d("Tomas Ek"), vec!["The Green Party's leader"]);
    assert_eq!(
        d("Lena Holm"),
        vec!["Riverside Institute for Ocean Studies marine biologist"]
    );
    // "adviser to": the appositive's role, not the minister's
    assert_eq!(d("Jonas Vik"), vec!["Finance Minister"]);
}

#[test]
fn descriptors_from_who_was_clauses() {
    let t = "Talks\n\nPaula Serra, who was the city's chief planner until 2019, objected. Omar Haddad, who was arrested on Monday, stayed silent. Ines Moura, who is also a former mayor, agreed.\n";
    let p = people(t);
    let d = |n: &str| descriptors_of(&p, n);
    assert_eq!(d("Paula Serra"), vec!["the city's chief planner"]);
    assert!(d("Omar Haddad").is_empty(), "{:?}", d("Omar Haddad"));
    assert_eq!(d("Ines Moura"), vec!["a former mayor"]);
}

#[test]
fn peerage_appositive_gives_way_to_the_description_after_it() {
    let t = "Court\n\nThe judges ruled on Friday. Colin Reid, Lord Moray, the Lord President of the court decided, according to the summary, that the law applied.\n";
    let p = people(t);
    assert_eq!(
        descriptors_of(&p, "Colin Reid"),
        vec!["the Lord President of the court"]
    );
}

#[test]
fn canonical_name_is_the_fullest_form_and_order_is_first_mention() {
    let t = "Lindqvist visits\n\nLindqvist arrived on Monday. Later Ana Lindqvist spoke with Tomas Berg.\n";
    let n = names(t);
    assert_eq!(n[0].0, "Ana Lindqvist");
    assert_eq!(n[0].1, vec!["Lindqvist", "Lindqvist", "Ana Lindqvist"]);
    assert_eq!(n[1].0, "Tomas Berg");
}

#[test]
fn gender_from_titles_pronouns_and_first_names() {
    let t =
        "News\n\nMrs Dalia Hart spoke. Senator Tomas Berg said he agreed. Maria Lopez attended.\n";
    let p = people(t);
    let g = |n: &str| p.iter().find(|p| p.name == n).unwrap().gender;
    assert_eq!(g("Dalia Hart"), Some(Gender::Female));
    assert_eq!(g("Tomas Berg"), Some(Gender::Male));
    assert_eq!(g("Maria Lopez"), Some(Gender::Female));
}

#[test]
fn capitalised_ordinary_words_are_not_people() {
    let t = "Markets Rally As Rates Fall\n\nAdditionally, Markets rose. However, Traders said Monday was calm. In March, Officials met.\n";
    assert!(mentions(t).is_empty(), "{:?}", mentions(t));
}

#[test]
fn no_panic_on_odd_input() {
    for t in [
        "",
        "\n\n\n",
        "😀 Émile 😀’s",
        "A\r\nB. C\r\n\r\nD'",
        "’s ’s ' ' -- — “ ”",
        "Mr. Mr. Dr. Prof. , , ,",
        "X Y Z W V U T S R Q P O N M L K J I H G F E D C B A",
        "al- el- -Smith O' O'Brien' 's",
        "Ἀθῆναι Ωμέγα ΣΊΣΥΦΟΣ",
        "President\nPresident\n\nPresident Smith,",
    ] {
        let _ = people(t);
    }
    let long = "Anna Berg said. ".repeat(2000);
    let p = people(&long);
    assert_eq!(p.len(), 1);
    for m in &p[0].mentions {
        assert!(long.is_char_boundary(m.span.start) && long.is_char_boundary(m.span.end));
    }
}

#[test]
fn lowercase_particles_and_role_words_as_surnames() {
    let t = "Summit\n\nCommission President Ursula von der Leyen met coach Erik ten Hag and Apple chief executive Tim Cook. Later von der Leyen spoke, ten Hag said little and Cook said nothing.\n";
    let p = people(t);
    let m = |n: &str| -> Vec<String> {
        p.iter()
            .find(|p| p.name == n)
            .unwrap_or_else(|| panic!("{n} not in {p:?}"))
            .mentions
            .iter()
            .map(|m| t[m.span.clone()].to_string())
            .collect()
    };
    assert_eq!(
        m("Ursula von der Leyen"),
        vec!["Ursula von der Leyen", "von der Leyen"]
    );
    assert_eq!(m("Erik ten Hag"), vec!["Erik ten Hag", "ten Hag"]);
    assert_eq!(m("Tim Cook"), vec!["Tim Cook", "Cook"]);
}

#[test]
fn photo_credits_and_case_names_are_not_mentions() {
    let t = "Ruling\n\nThe court ruled in \"Maria Lopez vs. Acme Holdings\". Lawyer Ana Berg welcomed it. Image: Peter Novak.\n";
    assert_eq!(mentions(t), vec!["Ana Berg"]);
}
