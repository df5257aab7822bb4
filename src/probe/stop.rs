//! SIGINT and SIGTERM during a probe. The first signal is noted: nothing new is sent, the
//! cancels of what was booked still go out, the recording and the reports are written, and the
//! run exits 130 (SIGINT) or 143 (SIGTERM). A second signal stops at once, after naming on
//! stderr every reservation that may still be active. SIGXFSZ (a file-size limit) is caught so
//! that a write past the limit fails with an error the run handles, instead of killing it.

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI32, Ordering};

use signal_hook::consts::{SIGINT, SIGTERM, SIGXFSZ};

/// The first signal received, 0 while none came.
static FIRST: AtomicI32 = AtomicI32::new(0);

/// The reservations that may still be active, as the stderr lines naming them.
static ACTIVE: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Installs the handlers (once per process; the probe runs once).
pub fn install() -> Result<(), String> {
    let what = |e: std::io::Error| format!("cannot install the signal handlers: {e}");
    // Its handler only notes the signal; the failed write is what the run acts on.
    signal_hook::flag::register(SIGXFSZ, std::sync::Arc::default()).map_err(what)?;
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]).map_err(what)?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            match FIRST.compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst) {
                Ok(_) => {
                    let _ = writeln!(
                        std::io::stderr().lock(),
                        "\notalint probe: {} received: nothing new is sent; cancelling what was booked, then writing the recording (a second signal stops at once)",
                        name(signal)
                    );
                }
                Err(first) => {
                    let mut err = std::io::stderr().lock();
                    let _ = writeln!(err, "\notalint probe: {} again: stopping now", name(signal));
                    for line in active() {
                        let _ = writeln!(err, "{line}");
                    }
                    let _ = err.flush();
                    std::process::exit(128 + first);
                }
            }
        }
    });
    Ok(())
}

/// The first signal received, if any.
pub fn signal() -> Option<i32> {
    match FIRST.load(Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}

/// `SIGINT`, `SIGTERM`.
pub fn name(signal: i32) -> &'static str {
    match signal {
        SIGINT => "SIGINT",
        SIGTERM => "SIGTERM",
        _ => "a signal",
    }
}

/// Replaces the list of reservations that may still be active.
pub fn keep(lines: Vec<String>) {
    *ACTIVE.lock().unwrap_or_else(|p| p.into_inner()) = lines;
}

fn active() -> Vec<String> {
    ACTIVE.lock().unwrap_or_else(|p| p.into_inner()).clone()
}
