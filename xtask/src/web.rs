//! The web app: build the static site (`dist/web`), serve it on 127.0.0.1, and run its
//! browser end-to-end tests. No trunk and no wasm-pack: cargo, the wasm-bindgen CLI at the
//! Cargo.lock version, and wasm-opt from npm binaryen (see `tools`).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use crate::tools::{self, cargo, run};

/// The files of the site, besides index.html and the generated module.
const STATIC: [(&str, &str); 3] = [
    ("web/style.css", "style.css"),
    ("web/embed.js", "embed.js"),
    ("web/embed.html", "embed.html"),
];

fn io(path: &Path) -> impl Fn(std::io::Error) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}

/// Build the site into `out`: index.html, embed.html, embed.js, style.css, stashform_web.js and
/// stashform_web_bg.wasm (size-optimised).
///
/// # Errors
/// A tool that cannot be installed or fails, or a file that cannot be written.
pub fn build(root: &Path, out: &Path) -> Result<(), String> {
    tools::ensure_wasm_target()?;
    tools::ensure_wasm_bindgen(root)?;
    tools::ensure_npm(root)?;
    run(cargo()
        .args([
            "build",
            "-p",
            "stashform-web",
            "--lib",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "web-release",
        ])
        .current_dir(root))?;
    let target = tools::target_dir(root);
    let wasm = target.join("wasm32-unknown-unknown/web-release/stashform_web.wasm");
    let bindgen = target.join("web-bindgen");
    std::fs::create_dir_all(&bindgen).map_err(io(&bindgen))?;
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(&bindgen)
        .arg(&wasm)
        .current_dir(root))?;
    std::fs::create_dir_all(out).map_err(io(out))?;
    let optimised = out.join("stashform_web_bg.wasm");
    run(Command::new("wasm-opt")
        .env("PATH", tools::path_with_node_bin(root))
        .args([
            "-Oz",
            // Repeat the passes while they still shrink the module (about 1.5 KB gzip here).
            "--converge",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
        ])
        .arg(bindgen.join("stashform_web_bg.wasm"))
        .arg("-o")
        .arg(&optimised)
        .current_dir(root))?;
    let js = bindgen.join("stashform_web.js");
    std::fs::copy(&js, out.join("stashform_web.js")).map_err(io(&js))?;
    for (from, to) in STATIC {
        let from = root.join(from);
        std::fs::copy(&from, out.join(to)).map_err(io(&from))?;
    }
    let index = root.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(io(&index))?;
    let html = page(&html);
    std::fs::write(out.join("index.html"), html).map_err(io(out))?;
    let size = std::fs::metadata(&optimised).map_or(0, |m| m.len());
    println!(
        "web: {} (stashform_web_bg.wasm {} KB before compression)",
        out.display(),
        size / 1024
    );
    Ok(())
}

/// index.html for the built site: Trunk's `<link data-trunk …>` lines become the stylesheet
/// and the module that mounts the app.
#[must_use]
pub fn page(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut inserted = false;
    for line in html.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("<link data-trunk") || trimmed.starts_with("<!-- Trunk") {
            if !inserted {
                let indent = &line[..line.len() - trimmed.len()];
                out.push_str(indent);
                out.push_str("<link rel=\"stylesheet\" href=\"style.css\">\n");
                out.push_str(indent);
                out.push_str(
                    "<script type=\"module\">import init from \"./stashform_web.js\"; init();</script>\n",
                );
                inserted = true;
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Serve `dir` on 127.0.0.1 (port `$PORT`, else 8080, else any free one) until stopped.
///
/// # Errors
/// When no port can be bound.
pub fn serve(_root: &Path, dir: &Path) -> Result<(), String> {
    let port = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse::<u16>().ok())
        .unwrap_or(8080);
    let listener = TcpListener::bind(("127.0.0.1", port))
        .or_else(|_| TcpListener::bind(("127.0.0.1", 0)))
        .map_err(|e| format!("cannot listen on 127.0.0.1: {e}"))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    println!("stashform: serving {} at http://{address}/", dir.display());
    println!("stashform: press Ctrl-C to stop");
    let dir = dir.to_path_buf();
    for stream in listener.incoming().flatten() {
        let dir = dir.clone();
        std::thread::spawn(move || {
            let _ = respond(stream, &dir);
        });
    }
    Ok(())
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("yaml" | "yml") => "application/yaml",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

/// The file for a request path, or `None` when it would leave `dir`.
#[must_use]
pub fn resolve(dir: &Path, request_path: &str) -> Option<PathBuf> {
    let path = request_path.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut file = dir.join(relative);
    if decoded.ends_with('/') || file.is_dir() {
        file = file.join("index.html");
    }
    Some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn respond(stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Drain the headers.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request.split_whitespace();
    let method = parts.next().unwrap_or_default();
    let target = parts.next().unwrap_or("/");
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return write_response(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"",
            true,
        );
    }
    let body = resolve(dir, target).and_then(|file| {
        std::fs::read(&file)
            .ok()
            .map(|bytes| (content_type(&file), bytes))
    });
    match body {
        Some((kind, bytes)) => write_response(&mut stream, "200 OK", kind, &bytes, method == "GET"),
        None => write_response(
            &mut stream,
            "404 Not Found",
            "text/plain; charset=utf-8",
            b"not found\n",
            method == "GET",
        ),
    }
}

fn write_response(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if with_body {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Build the site into `dist/web` and run the browser end-to-end tests (`node --test
/// tests/web/`) in Debian's Chromium.
///
/// # Errors
/// A failing build or test.
pub fn test(root: &Path) -> Result<(), String> {
    tools::ensure_chromium()?;
    tools::ensure_npm(root)?;
    let out = root.join("dist/web");
    build(root, &out)?;
    run(Command::new("node")
        .args(["--test", "--test-concurrency=1", "tests/web/"])
        .env("PATH", tools::path_with_node_bin(root))
        .env("STASHFORM_WEB_DIST", &out)
        .current_dir(root))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_loads_the_module_instead_of_trunk_links() {
        let html = "<head>\n  <link rel=\"icon\" href=\"data:,\">\n  <!-- Trunk -->\n  <link data-trunk rel=\"css\" href=\"web/style.css\">\n  <link data-trunk rel=\"rust\" href=\"web/Cargo.toml\">\n</head>\n";
        let page = page(html);
        assert!(!page.contains("data-trunk"));
        assert_eq!(page.matches("stashform_web.js").count(), 1);
        assert!(page.contains("<link rel=\"stylesheet\" href=\"style.css\">"));
        assert!(page.contains("data:,"));
    }

    #[test]
    fn requests_stay_inside_the_site() {
        let dir = Path::new("/site");
        assert_eq!(resolve(dir, "/"), Some(PathBuf::from("/site/index.html")));
        assert_eq!(
            resolve(dir, "/embed.html?x=1"),
            Some(PathBuf::from("/site/embed.html"))
        );
        assert_eq!(resolve(dir, "/../etc/passwd"), None);
        assert_eq!(resolve(dir, "/%2e%2e/etc/passwd"), None);
    }
}
