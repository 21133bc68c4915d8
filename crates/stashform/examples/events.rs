fn main() {
    let text = std::env::args().nth(1).unwrap();
    let l = stashform::source::yaml::load(&text);
    println!("{:#?}", l);
}
