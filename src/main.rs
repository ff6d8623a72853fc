//! The kravkoll binary: reads the environment once and hands over to the command line.

use std::process::ExitCode;

use kravkoll::cli::{Env, run};

fn main() -> ExitCode {
    let env = Env::from_process();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    run(std::env::args_os(), &env, &mut out, &mut err)
}
