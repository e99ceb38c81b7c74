//! Prints the public API as data (`payoutkit::dynamic::describe`): the input of the
//! generators that write the bindings' stubs and tables (`make generate`).
fn main() {
    println!("{}", payoutkit::dynamic::to_host_json(&payoutkit::dynamic::describe()));
}
