fn main() {
    std::process::exit(byline::cli::main());
}
