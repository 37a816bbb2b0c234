//! `raciflow serve`: the pack as a live preview while the model is being written.
//!
//! The pack is built in memory (nothing is written to disk) and served on the loopback
//! interface. A watcher rebuilds it when a model or template file changes, and every open
//! page reloads through a Server-Sent Events stream. While the model has errors the last
//! pack that built is kept, with the findings shown at the top of every page; a model that
//! has never built is shown as a draft (as `build --force` would write it).

mod http;
mod site;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use thiserror::Error;

use crate::BuildRequest;

pub use site::{Pages, Rebuilt, Site};

/// The first port tried when none is given; the next ones up to [`LAST_PORT`] follow.
pub const FIRST_PORT: u16 = 3000;
/// The last port tried.
pub const LAST_PORT: u16 = 3099;

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct Config {
    /// The model root.
    pub root: PathBuf,
    /// The build options (formats are chosen by `serve`).
    pub request: BuildRequest,
    /// The address to listen on (loopback unless the user says otherwise).
    pub bind: IpAddr,
    /// The port; `None` for the first free one from [`FIRST_PORT`], 0 for any.
    pub port: Option<u16>,
}

/// Why the preview could not start.
#[derive(Debug, Error)]
pub enum ServeError {
    /// No port could be bound.
    #[error("cannot listen on {address}: {reason}")]
    Bind {
        /// The address, or the range of ports tried.
        address: String,
        /// Why.
        reason: String,
    },
    /// The model's folders could not be watched.
    #[error("cannot watch {}: {reason}", path.display())]
    Watch {
        /// The folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

/// A running preview: the server and the watcher that rebuilds its site.
pub struct Preview {
    server: Arc<tiny_http::Server>,
    site: Arc<Site>,
    /// The address it listens on.
    pub address: SocketAddr,
    _watcher: watch::Watcher,
}

impl Preview {
    /// Builds the site, binds the port and starts watching; `log` hears of each rebuild.
    pub fn start(
        config: &Config,
        log: Box<dyn Fn(&Rebuilt) + Send + Sync>,
    ) -> Result<Preview, ServeError> {
        let site = Arc::new(Site::new(config.root.clone(), config.request.clone(), log));
        site.rebuild();
        let (server, address) = http::bind(config.bind, config.port)?;
        let watcher = watch::watch(&site, &config.root, config.request.templates.as_deref())?;
        Ok(Preview {
            server: Arc::new(server),
            site,
            address,
            _watcher: watcher,
        })
    }

    /// The site being served.
    pub fn site(&self) -> &Arc<Site> {
        &self.site
    }

    /// Answers requests until the process ends (Ctrl-C): each on a thread of its own, so
    /// that a page's open event stream does not hold up the next request.
    pub fn run(&self) {
        for request in self.server.incoming_requests() {
            let site = Arc::clone(&self.site);
            std::thread::spawn(move || http::answer(&site, request));
        }
    }
}
