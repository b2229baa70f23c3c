//! Bare HTTP/1.1 over loopback, one connection per request (`Connection: close`): how the load
//! test and the tests that run the server binary as a process speak to it.

use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A GET request.
pub fn get(addr: SocketAddr, path: &str, cookie: Option<&str>) -> String {
    format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{}Connection: close\r\n\r\n",
        cookie_header(cookie)
    )
}

/// A POST request of `body` (of `content_type`), asking for JSON back.
pub fn post(
    addr: SocketAddr,
    path: &str,
    cookie: Option<&str>,
    content_type: &str,
    body: &str,
) -> String {
    format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {content_type}\r\n\
         Accept: application/json\r\n{}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        cookie_header(cookie),
        body.len()
    )
}

fn cookie_header(cookie: Option<&str>) -> String {
    cookie
        .map(|c| format!("Cookie: {c}\r\n"))
        .unwrap_or_default()
}

/// Sends `request` over a connection of its own; the whole response.
pub async fn exchange(addr: SocketAddr, request: &str) -> std::io::Result<String> {
    let mut conn = tokio::net::TcpStream::connect(addr).await?;
    conn.write_all(request.as_bytes()).await?;
    let mut response = Vec::new();
    conn.read_to_end(&mut response).await?;
    Ok(String::from_utf8_lossy(&response).into_owned())
}

/// The status of a whole response.
pub fn status(response: &str) -> Option<u16> {
    response.split(' ').nth(1).and_then(|s| s.parse().ok())
}

/// The body of a whole response (after the blank line).
pub fn body(response: &str) -> &str {
    response.split_once("\r\n\r\n").map_or("", |(_, b)| b)
}

/// The `hw_session=…` pair a response sets (either cookie name).
pub fn session_cookie(response: &str) -> Option<String> {
    let line = response.lines().find(|l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("set-cookie: hw_session=") || l.starts_with("set-cookie: __host-hw_session=")
    })?;
    line["set-cookie: ".len()..]
        .split(';')
        .next()
        .map(str::to_string)
}
