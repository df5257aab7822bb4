//! `otalint probe` (docs/probe.md): scenario → plan of steps → exchanges → HAR → the `check`
//! pipeline on that HAR. The findings of a probe run therefore *are* `otalint check run.har`.
//!
//! [`scenario`] reads `probe.toml`, [`plan`] decides which steps run, [`hs2`] and `hs4` build and judge
//! Concur's requests, [`exchange`] sends one through the taping [`client`] and turns it into a
//! HAR entry ([`har`]) after [`redact`]ion, [`tls`] checks each origin once.

mod args;
mod client;
mod context;
pub mod dates;
mod entry;
mod evidence;
mod exchange;
mod har;
pub mod hs2;
mod hs4;
mod ids;
mod images;
mod lock;
mod plan;
pub mod redact;
mod run;
pub mod scenario;
mod stop;
mod template;
mod tls;

use std::io::Write;
use std::path::{Path, PathBuf};

pub use args::ProbeArgs;
use exchange::Recorder;
use redact::Secrets;
use scenario::Scenario;

use crate::app::OK;
use crate::cli::{CheckArgs, ConfigSource};
use crate::error::Error;

use context::credentials;
pub use context::{Context, Creds};

pub fn run(args: &ProbeArgs) -> Result<u8, Error> {
    if let Some(path) = &args.init {
        return template::write(path);
    }
    let (scenario, text, shown) = load(args)?;
    let now = args
        .now
        .as_deref()
        .map(dates::parse_now)
        .transpose()
        .map_err(Error::Usage)?;
    let clock = run::Clock::new(now);
    let today = dates::day_of(clock.start());
    check_dates(&scenario, today)?;
    let services = services(&scenario, args.service.as_deref())?;
    if let Some(b) = scenario.booking.as_ref().filter(|_| !args.no_booking) {
        for (_, url) in &services {
            let host = exchange::origin(url).map(|o| o.1).unwrap_or_default();
            if b.confirm_host != host {
                return Err(Error::Usage(format!(
                    "[booking] confirm_host is `{}` but the endpoint's host is `{host}`: no booking is made against a host the scenario did not confirm",
                    b.confirm_host
                )));
            }
        }
    }
    let url = services[0].1.clone();
    let (creds, secrets) = credentials(&scenario, args)?;
    // Every file this run writes (reports included) goes through the gate with these secrets.
    crate::gate::arm(std::sync::Arc::new(secrets.clone()));
    let plan = plan_of(args, &services)?;
    let har_path = args.har.clone().unwrap_or_else(|| {
        PathBuf::from(format!(
            "otalint-probe-{}-{}.har",
            scenario.name,
            dates::file_stamp(clock.start())
        ))
    });
    let _lock = lock::for_run(&har_path, args.dry_run, args.verbose)?;
    let mut run = run::Run::new(har_path.clone(), clock, &scenario.name, shown, text);
    run.seed = args.seed;
    run.insecure = args.insecure;
    let mut rec = recorder(args, &scenario, &url, secrets, run)?;
    rec.planned = plan.exchanges(scenario.searches.len(), scenario.parallel);
    if let Some(dir) = args.evidence.as_ref().filter(|_| !args.dry_run) {
        rec.evidence = Some(evidence::Evidence::new(dir)?);
    }
    if !args.dry_run {
        stop::install().map_err(Error::Usage)?;
    }
    // An unwritable --har stops the run before anything is sent.
    rec.flush();
    if let Some(e) = rec.refused.take() {
        return Err(e);
    }
    let mut ids = ids::Ids::new(args.seed).avoiding(rec.secrets.short_values());
    let traveler = scenario
        .requestor
        .traveler_uuid
        .clone()
        .unwrap_or_else(|| ids.uuid());
    let mut cx = Context {
        scenario: &scenario,
        rec,
        ids,
        creds,
        plan,
        today,
        traveler,
    };
    for (service, url) in &services {
        match *service {
            "hs4" => hs4::run(&mut cx, url)?,
            _ => hs2::flow::run(&mut cx, url)?,
        }
    }
    finish(cx.rec, args, &har_path)
}

/// The scenario file: parsed, with its text and the name it is shown by.
fn load(args: &ProbeArgs) -> Result<(Scenario, String, String), Error> {
    let path = args
        .scenario
        .clone()
        .unwrap_or_else(|| PathBuf::from("probe.toml"));
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Error::Usage(format!("cannot read the scenario {}: {e}", path.display())))?;
    let shown = path.display().to_string();
    let scenario = Scenario::parse(&shown, &text).map_err(Error::Scenario)?;
    Ok((scenario, text, shown))
}

/// The recorder of a run: the client (none in a dry run) and the transport settings.
fn recorder(
    args: &ProbeArgs,
    scenario: &Scenario,
    url: &str,
    secrets: Secrets,
    run: run::Run,
) -> Result<Recorder, Error> {
    let transport = transport(scenario, args)?;
    let ca_pem = match &transport.ca_file {
        Some(f) => Some(
            std::fs::read(f)
                .map_err(|e| Error::Usage(format!("cannot read the CA file {f}: {e}")))?,
        ),
        None => None,
    };
    let limits = crate::input::Limits {
        max_decoded_bytes: args.max_decoded_size,
        ..crate::input::Limits::default()
    };
    let options = client::ClientOptions {
        timeout: transport.timeout,
        connect_timeout: transport.connect_timeout,
        proxy: transport.proxy.clone(),
        ca_pem: ca_pem.clone(),
        insecure: args.insecure,
        user_agent: transport.user_agent.clone(),
        keep_alive: transport.keep_alive,
        max_body: limits.max_decoded_bytes,
    };
    let client = match args.dry_run {
        true => None,
        false => Some(client::Client::new(&options).map_err(Error::Usage)?),
    };
    if secrets.is_off() && !args.dry_run {
        eprintln!(
            "otalint probe: --no-redact: the recording and every report keep the credentials and card data. NOT REDACTED — do not share."
        );
    }
    let mut rec = Recorder::new(client, secrets, run, limits);
    rec.options = Some(options);
    rec.timeout = transport.timeout;
    rec.connect_timeout = transport.connect_timeout;
    rec.ca_pem = ca_pem;
    rec.insecure = args.insecure;
    rec.proxied = proxied(&transport.proxy, url);
    rec.pause = transport.pause;
    rec.repeat = transport.repeat;
    rec.images = args.check_images.min(images::MAX_PER_HOTEL);
    rec.redact_headers = transport.redact_headers;
    Ok(rec)
}

/// The last write of the recording, `check` on it, and the verdict.
fn finish(mut rec: Recorder, args: &ProbeArgs, har: &Path) -> Result<u8, Error> {
    rec.flush_progress();
    if rec.dry() {
        return Ok(OK);
    }
    unsent(&mut rec);
    rec.run.finished = Some(rec.run.clock.now());
    rec.flush();
    if let Some(e) = rec.refused.take() {
        // No report comes from a recording that was not kept: stderr names what was booked.
        bookings(&rec.run);
        return Err(e);
    }
    let mut check = check_args(args, har);
    let human = rec
        .evidence
        .as_ref()
        .map(|e| e.dir.join(".console-report.txt"));
    if let (Some(e), Some(human)) = (&rec.evidence, &human) {
        // The bundle's reports come from the same `check` of the recording.
        for (format, path) in [
            (crate::cli::Format::Markdown, e.dir.join("report.md")),
            (crate::cli::Format::Html, e.dir.join("report.html")),
            (crate::cli::Format::Human, human.clone()),
        ] {
            check.output_format.push(Some(check.format.len()));
            check.format.push(format);
            check.output.push(path);
        }
        if check.format.len() == 3 {
            // No --format: stdout still gets the default report (human; github under Actions).
            let github = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
            let default = if github {
                crate::cli::Format::Github
            } else {
                crate::cli::Format::Human
            };
            check.format.insert(0, default);
            check.output_format = vec![Some(1), Some(2), Some(3)];
        }
    }
    let code = crate::commands::check::run(&check)?;
    verdict(&rec.run, code, har);
    if let Some(note) = redact::short_note(&rec.run.har) {
        eprintln!("otalint probe: {note}");
        if let Some(e) = rec.evidence.as_mut() {
            e.console.push(format!("otalint probe: {note}"));
        }
    }
    let code = match stop::signal() {
        Some(signal) => {
            eprintln!(
                "otalint probe: interrupted by {}: the steps after it were not sent",
                stop::name(signal)
            );
            (128 + signal).clamp(0, 255) as u8
        }
        None => code,
    };
    if let (Some(e), Some(human)) = (&rec.evidence, &human) {
        let (scenario, _) = rec.secrets.scrub(rec.run.scenario_text.as_bytes());
        e.finish(
            har,
            &String::from_utf8_lossy(&scenario),
            human,
            &rec.secrets,
        )?;
        eprintln!("  evidence in {}", e.dir.display());
    }
    Ok(code)
}

/// The steps that run, for the services probed.
fn plan_of(args: &ProbeArgs, services: &[(&'static str, String)]) -> Result<plan::Plan, Error> {
    let choices = plan::Choices {
        steps: &args.steps,
        skip: &args.skip,
        no_probes: args.no_probes,
        no_booking: args.no_booking,
    };
    let defs: Vec<&plan::StepDef> = services
        .iter()
        .flat_map(|(service, _)| match *service {
            "hs4" => plan::HS4.iter(),
            _ => plan::HS2.iter(),
        })
        .collect();
    plan::Plan::new(&defs, &choices).map_err(Error::Usage)
}

/// The services to probe and their endpoints: those of the scenario, or the one `--service`
/// names.
fn services(s: &Scenario, only: Option<&str>) -> Result<Vec<(&'static str, String)>, Error> {
    let all: Vec<(&'static str, String)> = [("hs2", &s.hs2_url), ("hs4", &s.hs4_url)]
        .into_iter()
        .filter_map(|(name, url)| url.clone().map(|u| (name, u)))
        .filter(|(name, _)| only.is_none_or(|o| o == *name))
        .collect();
    match (all.is_empty(), only) {
        (true, Some(o)) => Err(Error::Usage(format!(
            "--service {o}: the scenario has no [{o}] url"
        ))),
        (true, None) => Err(Error::Usage(
            "the scenario has no [hs2] or [hs4] url".to_string(),
        )),
        (false, _) => Ok(all),
    }
}

fn check_dates(s: &Scenario, today: jiff::civil::Date) -> Result<(), Error> {
    for search in &s.searches {
        let checkin = dates::Checkin::parse(&search.checkin)
            .map_err(Error::Usage)?
            .resolve(today);
        if checkin <= today {
            return Err(Error::Usage(format!(
                "search `{}`: check-in {checkin} is not after today ({today}); use a relative date such as `+90d`",
                search.name
            )));
        }
    }
    Ok(())
}

/// The scenario's transport with the command line's overrides.
fn transport(s: &Scenario, args: &ProbeArgs) -> Result<scenario::Transport, Error> {
    let mut t = s.transport.clone();
    let dur = |v: &Option<String>, slot: &mut std::time::Duration| -> Result<(), Error> {
        if let Some(v) = v {
            *slot = scenario::parse_duration(v).map_err(Error::Usage)?;
        }
        Ok(())
    };
    dur(&args.timeout, &mut t.timeout)?;
    dur(&args.connect_timeout, &mut t.connect_timeout)?;
    dur(&args.pause, &mut t.pause)?;
    if let Some(p) = &args.proxy {
        t.proxy = match p.as_str() {
            "env" => Some(None),
            "none" => None,
            url => Some(Some(url.to_string())),
        };
    }
    if let Some(ca) = &args.ca_file {
        t.ca_file = Some(ca.display().to_string());
    }
    if let Some(n) = args.repeat {
        t.repeat = n.clamp(1, 100);
    }
    Ok(t)
}

/// Whether the exchanges go through a proxy (then the TLS check is not made directly).
fn proxied(proxy: &Option<Option<String>>, url: &str) -> bool {
    match proxy {
        None => false,
        Some(Some(_)) => true,
        Some(None) => {
            let host = exchange::origin(url).map(|o| o.1).unwrap_or_default();
            let set = |k: &str| std::env::var(k).is_ok_and(|v| !v.is_empty());
            let any = [
                "ALL_PROXY",
                "HTTPS_PROXY",
                "HTTP_PROXY",
                "all_proxy",
                "https_proxy",
                "http_proxy",
            ]
            .iter()
            .any(|k| set(k));
            let no_proxy = std::env::var("NO_PROXY")
                .or_else(|_| std::env::var("no_proxy"))
                .unwrap_or_default();
            any && !no_proxy.split(',').any(|n| {
                let n = n.trim().trim_start_matches('.');
                n == "*" || (!n.is_empty() && (host == n || host.ends_with(&format!(".{n}"))))
            })
        }
    }
}

/// `check` on the recording, with the probe's checking and reporting options.
fn check_args(a: &ProbeArgs, har: &Path) -> CheckArgs {
    CheckArgs {
        paths: vec![har.to_path_buf()],
        source: ConfigSource {
            config: a.source.config.clone(),
            no_config: a.source.no_config,
        },
        profile: None,
        payload_location: a.payload_location,
        rules_files: a.rules_files.clone(),
        request: None,
        operation: None,
        input_kind: None,
        status: None,
        headers: Vec::new(),
        elapsed: None,
        // Each entry's `startedDateTime` is its answer's time.
        now: None,
        max_file_size: 256 * 1024 * 1024,
        max_decoded_size: a.max_decoded_size,
        format: a.format.clone(),
        output: a.output.clone(),
        output_format: a.output_format.clone(),
        exit_zero: a.exit_zero,
        max_warnings: a.max_warnings,
        quiet: a.quiet,
        statistics: false,
        color: a.color,
        fail_on: a.fail_on,
        ext: None,
        no_ignore: true,
        hidden: true,
        force_exclude: false,
        baseline: None,
        write_baseline: None,
        rules: a.rules.clone(),
        threads: None,
        verbose: a.verbose,
    }
}

/// The last lines on stderr: the verdict, the recording, the bookings.
fn verdict(run: &run::Run, code: u8, har: &Path) {
    let blocked = run.steps.iter().filter(|s| s.status == "blocked").count();
    let verdict = match (code, blocked) {
        (0, _) => "PASS".to_string(),
        (_, 0) => "FAIL".to_string(),
        (_, n) => format!(
            "FAIL (incomplete: {n} step{} blocked)",
            if n == 1 { "" } else { "s" }
        ),
    };
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "\notalint probe: {verdict}; recording {}",
        har.display()
    );
    bookings(run);
}

/// Why the last progress line stopped short of the plan (`[17/22]`): each step not sent with
/// its reason, and the rest as not asked for.
fn unsent(rec: &mut Recorder) {
    // The images of `--check-images` are not in the plan.
    let entries = &rec.run.har.log.entries;
    let sent = entries
        .iter()
        .filter(|e| e.otalint["operation"] != "image")
        .count();
    if sent >= rec.planned {
        return;
    }
    let mut lines = vec![format!(
        "otalint probe: {} of the {} planned were sent; the other {}:",
        crate::report::plural(sent, "exchange"),
        rec.planned,
        rec.planned - sent
    )];
    let unsent: Vec<_> = rec.run.steps.iter().filter(|s| s.entry.is_none()).collect();
    for s in &unsent {
        let why = s
            .why
            .as_deref()
            .map_or(String::new(), |w| format!(" — {w}"));
        lines.push(format!("  {}: {}{why}", s.id, s.status));
    }
    if let Some(signal) = stop::signal() {
        lines.push(format!("  the rest: interrupted by {}", stop::name(signal)));
    } else if rec.refused.is_some() {
        lines.push("  the rest: the recording could not be written".to_string());
    } else if unsent.len() < rec.planned - sent {
        lines.push(format!(
            "  {}: not asked for by the scenario or the options ([probes], [booking], --steps, --skip)",
            crate::report::plural(rec.planned - sent - unsent.len(), "more step")
        ));
    }
    let mut err = std::io::stderr().lock();
    for line in lines {
        let _ = writeln!(err, "{}", crate::report::escape::terminal(&line));
        if let Some(e) = &mut rec.evidence {
            e.console.push(line);
        }
    }
}

/// A line on stderr per reservation: cancelled, or possibly still active.
fn bookings(run: &run::Run) {
    let mut err = std::io::stderr().lock();
    for b in run.bookings.iter().filter(|b| b.cancelled) {
        let number = b
            .cancellation_number
            .as_ref()
            .map_or(String::new(), |n| format!(", cancellation number {n}"));
        let _ = writeln!(
            err,
            "  reservation {} ({}) cancelled{number}",
            b.reservation_id, b.service
        );
    }
    for line in run.possibly_active() {
        let _ = writeln!(err, "{line}");
    }
}
