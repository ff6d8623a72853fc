//! A first check that the harness drives the real app.
#![allow(clippy::unwrap_used)]
mod common;

#[test]
fn the_dashboard_lists_the_demo_drafts() {
    let t = common::TestApp::new(true);
    let screen = t.screen(100, 30);
    assert!(screen.contains("KS 2026/118"), "{screen}");
}
