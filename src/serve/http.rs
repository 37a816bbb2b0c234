//! The preview's HTTP side: a port, the pack's files by path, the reload script and the
//! event stream that tells pages to reload.

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use percent_encoding::percent_decode_str;
use tiny_http::{Header, Request, Response, Server};

use crate::serve::site::{EVENTS, RELOAD_SCRIPT, Site};
use crate::serve::{FIRST_PORT, LAST_PORT, ServeError};

/// Listens on `port` of `bind`, or on the first free port from [`FIRST_PORT`].
pub(super) fn bind(bind: IpAddr, port: Option<u16>) -> Result<(Server, SocketAddr), ServeError> {
    let ports = match port {
        Some(port) => port..=port,
        None => FIRST_PORT..=LAST_PORT,
    };
    let mut last = String::new();
    for port in ports.clone() {
        match Server::http(SocketAddr::new(bind, port)) {
            Ok(server) => {
                let address = server
                    .server_addr()
                    .to_ip()
                    .unwrap_or_else(|| SocketAddr::new(bind, port));
                return Ok((server, address));
            }
            Err(error) => last = error.to_string(),
        }
    }
    Err(ServeError::Bind {
        address: if ports.start() == ports.end() {
            SocketAddr::new(bind, *ports.start()).to_string()
        } else {
            format!("{bind}, ports {}–{}", ports.start(), ports.end())
        },
        reason: last,
    })
}

/// The script every page loads: it reloads the page when the site is rebuilt.
const SCRIPT: &str =
    "new EventSource('/__raciflow/events').addEventListener('reload', () => location.reload());\n";

/// Answers one request. Errors writing to a browser that has gone away are nobody's to
/// report.
pub(super) fn answer(site: &Site, request: Request) {
    let url = request.url().to_owned();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == EVENTS {
        stream_reloads(site, request);
        return;
    }
    let response = if path == RELOAD_SCRIPT {
        file(SCRIPT.as_bytes().to_vec(), "text/javascript; charset=utf-8")
    } else {
        let wanted = pack_path(path);
        let found = [wanted.clone(), format!("{wanted}.html")]
            .into_iter()
            .find(|candidate| site.has(candidate));
        match found.and_then(|path| site.page(&path).map(|bytes| (path, bytes))) {
            Some((path, bytes)) => file(bytes, content_type(&path)),
            None => not_found(site, &wanted),
        }
    };
    let _ = request.respond(response);
}

/// The pack path a URL path names: decoded, `index.html` for a folder.
fn pack_path(url_path: &str) -> String {
    let decoded = percent_decode_str(url_path).decode_utf8_lossy();
    let mut path = decoded.trim_start_matches('/').to_owned();
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    path
}

fn file(bytes: Vec<u8>, content_type: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut response = Response::from_data(bytes);
    // Always the current build: a reload must never show a cached page.
    for (name, value) in [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
    ] {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    response
}

fn not_found(site: &Site, path: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Not found</title></head><body><p>The pack has no <code>{}</code>. <a href=\"/\">Open the index</a>. The preview builds the HTML pages and the CSV and XLSX files they link to; <code>raciflow build</code> writes every format.</p></body></html>",
        crate::diagram::xml::escape(path)
    );
    // The page reloads, with the findings, like any other.
    let page = site.decorate(&page);
    file(page.into_bytes(), "text/html; charset=utf-8").with_status_code(404)
}

/// The content type of a pack file, by its extension.
fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "json" => "application/json",
        "md" => "text/markdown; charset=utf-8",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// Holds the request open as a Server-Sent Events stream and sends `reload` after each
/// rebuild; a comment every 15 seconds finds out when the page has closed.
fn stream_reloads(site: &Site, request: Request) {
    let reloads = site.subscribe();
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.flush())
        .is_err()
    {
        return;
    }
    loop {
        let event = match reloads.recv_timeout(Duration::from_secs(15)) {
            Ok(()) => "event: reload\ndata: reload\n\n",
            Err(RecvTimeoutError::Timeout) => ": still here\n\n",
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if writer
            .write_all(event.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths_name_pack_files() {
        assert_eq!(pack_path("/"), "index.html");
        assert_eq!(pack_path("/roles/"), "roles/index.html");
        assert_eq!(pack_path("/roles/%D0%BF.html"), "roles/п.html");
    }
}
