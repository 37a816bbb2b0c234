//! `raciflow serve`: the pack as a live preview.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::Args;

use crate::cli::{ModelArg, OK, Ui};
use raciflow::BuildRequest;
use raciflow::serve::{Config, FIRST_PORT, Pages, Preview, Rebuilt};

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    model: ModelArg,
    /// The port (default: the first free one from 3000; 0 for any free port).
    #[arg(long)]
    port: Option<u16>,
    /// The address to listen on. The default serves this machine only; another address
    /// lets anyone who can reach it read the pack.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// A folder of templates that replace built-in ones by name (default: the model's
    /// `templates/` folder, when it has one); watched like the model.
    #[arg(long)]
    templates: Option<PathBuf>,
}

pub fn run(args: &ServeArgs, ui: &Ui) -> anyhow::Result<u8> {
    let root = args.model.root();
    // The model must at least exist: an unreadable one later is shown in the pages.
    raciflow::check_model(&root)?;
    let quiet = ui.quiet;
    let log = move |rebuilt: &Rebuilt| {
        if !quiet {
            let ms = rebuilt.took.as_millis();
            let summary = &rebuilt.summary;
            match rebuilt.pages {
                Pages::Current => eprintln!("raciflow: built in {ms} ms: {summary}"),
                Pages::Draft => eprintln!(
                    "raciflow: drew a draft in {ms} ms: {summary}; the pages show the findings over it"
                ),
                Pages::LastBuilt => eprintln!(
                    "raciflow: not built: {summary}; the pages show the findings over the last version that built"
                ),
                Pages::Nothing => eprintln!("raciflow: not built: {summary}"),
            }
        }
    };
    let config = Config {
        root: root.clone(),
        request: BuildRequest {
            templates: args.templates.clone(),
            ..BuildRequest::default()
        },
        bind: args.bind,
        port: args.port,
    };
    let preview = Preview::start(&config, Box::new(log))?;
    if !args.bind.is_loopback() {
        eprintln!(
            "raciflow: warning: listening on {}: anyone who can reach this address can read the pack",
            args.bind
        );
    }
    // The one line a script (or the test) waits for, printed even with --quiet.
    eprintln!(
        "raciflow: serving {} on http://{}/ (rebuilt on every change; Ctrl-C stops){}",
        root.display(),
        preview.address,
        match args.port {
            None if preview.address.port() != FIRST_PORT =>
                format!("; port {FIRST_PORT} was taken"),
            _ => String::new(),
        }
    );
    preview.run();
    Ok(OK)
}
