fn main() {
    mailroom::ui::start();
}
