//! The command line: `byline [--stdio]` serves LSP; `byline check` analyses
//! files and prints findings.

use crate::analysis::{Analyzer, Input};
use crate::settings::{self, ConfigFile, Level};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Parser, Debug)]
#[command(
    name = "byline",
    version,
    about = "A language server for news writing: people, attribution and sections."
)]
pub struct Cli {
    /// Serve LSP over stdin/stdout (the default when no command is given).
    #[arg(long)]
    pub stdio: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Analyse files and print findings, like a compiler.
    Check(CheckArgs),
    /// Serve LSP over stdin/stdout.
    Serve,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Information,
    Hint,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Output format: compiler-style lines, or one JSON object per file per line.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Exit with status 1 when a finding at this severity or above exists.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// byline.toml to use (default: the nearest one above each file).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Treat every file as Markdown (default: by extension .md/.markdown).
    #[arg(long)]
    pub markdown: bool,
    /// Files to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

fn threshold(f: FailOn) -> Level {
    match f {
        FailOn::Error => Level::Error,
        FailOn::Warning => Level::Warning,
        FailOn::Information => Level::Information,
        FailOn::Hint => Level::Hint,
    }
}

/// Read a file as UTF-8 with an error message that names it.
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not valid UTF-8 (first bad byte at offset {}); save the file as UTF-8",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// The nearest `byline.toml` in `dir` or its parents.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    let mut d = Some(dir);
    while let Some(p) = d {
        let c = p.join("byline.toml");
        if c.is_file() {
            return Some(c);
        }
        d = p.parent();
    }
    None
}

fn load_config(path: &Path) -> Result<ConfigFile, String> {
    let text = read_text(path)?;
    settings::parse_config(&text).map_err(|e| {
        let at = e
            .span
            .map(|s| {
                let li = crate::analysis::text::LineIndex::new(&text);
                let (l, c) = li.position(&text, s.start, true);
                format!(":{}:{}", l + 1, c + 1)
            })
            .unwrap_or_default();
        format!("{}{at}: {}", path.display(), e.message)
    })
}

pub fn is_markdown_path(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("md" | "markdown" | "mdown" | "mkd" | "mdx")
    )
}

/// Run `byline check`; returns the process exit status.
pub fn check(args: &CheckArgs) -> i32 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut status = 0;
    let mut failing = false;
    let explicit = match &args.config {
        Some(p) => match load_config(p) {
            Ok(c) => Some(c),
            Err(e) => {
                eprintln!("byline: {e}");
                return 2;
            }
        },
        None => None,
    };
    for file in &args.files {
        let text = match read_text(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("byline: {e}");
                status = 2;
                continue;
            }
        };
        let cfg = match &explicit {
            Some(c) => c.clone(),
            None => {
                let dir = file
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
                match find_config(&dir) {
                    Some(p) => match load_config(&p) {
                        Ok(c) => c,
                        Err(e) => {
                            eprintln!("byline: {e}");
                            status = 2;
                            continue;
                        }
                    },
                    None => ConfigFile::default(),
                }
            }
        };
        let (settings, errors) = settings::resolve(&[&cfg.settings]);
        for e in errors {
            eprintln!("byline: settings: {e}");
        }
        let path = file.display().to_string();
        let input = Input {
            markdown: args.markdown || is_markdown_path(file),
            path: &path,
            ignore: &cfg.ignore,
        };
        let analysis = Analyzer::analyze_once(&text, &settings, &input);
        if let Some(f) = args.fail_on {
            if analysis.findings.iter().any(|x| x.level >= threshold(f)) {
                failing = true;
            }
        }
        let r = match args.format {
            Format::Json => {
                let v = crate::report::to_json(&path, &text, &analysis);
                writeln!(out, "{v}")
            }
            Format::Human => write!(out, "{}", crate::report::to_human(&path, &text, &analysis)),
        };
        if let Err(e) = r {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return status;
            }
            eprintln!("byline: cannot write output: {e}");
            return 2;
        }
    }
    if status != 0 {
        status
    } else if failing {
        1
    } else {
        0
    }
}

/// Entry point shared by the binary.
pub fn main() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check(args)) => check(&args),
        Some(Command::Serve) | None => {
            crate::server::run_stdio();
            0
        }
    }
}
