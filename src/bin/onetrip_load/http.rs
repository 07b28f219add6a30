//! A minimal HTTP/1.1 client over one keep-alive TCP connection: enough for the hall's JSON
//! API (Content-Length or chunked answers) and its Server-Sent Events stream. The load
//! generator keeps out of the server's dependencies, so it carries no HTTP client crate.

use std::io;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// `http://host:port` split into what a connection needs.
#[derive(Clone, Debug)]
pub struct Target {
    /// `host:port` to connect to and to send as `Host`.
    pub authority: String,
}

impl Target {
    pub fn parse(url: &str) -> Result<Self, String> {
        let rest = url
            .trim_end_matches('/')
            .strip_prefix("http://")
            .ok_or_else(|| format!("only http:// URLs are supported: {url}"))?;
        if rest.contains('/') {
            return Err(format!("give the server's root URL, without a path: {url}"));
        }
        let authority = if rest.contains(':') {
            rest.to_string()
        } else {
            format!("{rest}:80")
        };
        Ok(Self { authority })
    }
}

/// One keep-alive connection; reconnects on the next request after a failure.
pub struct Conn {
    target: Target,
    stream: Option<BufReader<TcpStream>>,
}

pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

fn bad(what: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.into())
}

fn head(
    target: &Target,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body_len: Option<usize>,
) -> Vec<u8> {
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nUser-Agent: onetrip-load\r\n",
        target.authority
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(n) = body_len {
        req.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {n}\r\n"
        ));
    }
    req.push_str("\r\n");
    req.into_bytes()
}

/// Status and headers (lower-case names) of an answer.
async fn read_head(r: &mut BufReader<TcpStream>) -> io::Result<(u16, Vec<(String, String)>)> {
    let mut line = String::new();
    if r.read_line(&mut line).await? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "connection closed",
        ));
    }
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad(format!("bad status line {line:?}")))?;
    let mut headers = Vec::new();
    loop {
        line.clear();
        if r.read_line(&mut line).await? == 0 {
            return Err(bad("connection closed in headers"));
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    Ok((status, headers))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// One chunk of a chunked body; `None` at the last (empty) chunk.
async fn read_chunk(r: &mut BufReader<TcpStream>) -> io::Result<Option<Vec<u8>>> {
    let mut line = String::new();
    if r.read_line(&mut line).await? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "connection closed in body",
        ));
    }
    let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
        .map_err(|_| bad(format!("bad chunk size {line:?}")))?;
    if size == 0 {
        // Trailers, then the blank line.
        loop {
            line.clear();
            r.read_line(&mut line).await?;
            if line.trim_end().is_empty() {
                return Ok(None);
            }
        }
    }
    let mut buf = vec![0; size + 2];
    r.read_exact(&mut buf).await?;
    buf.truncate(size);
    Ok(Some(buf))
}

impl Conn {
    pub fn new(target: Target) -> Self {
        Self {
            target,
            stream: None,
        }
    }

    async fn stream(&mut self) -> io::Result<&mut BufReader<TcpStream>> {
        if self.stream.is_none() {
            let s = TcpStream::connect(&self.target.authority).await?;
            s.set_nodelay(true)?;
            self.stream = Some(BufReader::with_capacity(16 * 1024, s));
        }
        Ok(self.stream.as_mut().expect("just connected"))
    }

    /// Sends one request and reads the whole answer. A transport error drops the connection.
    pub async fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&serde_json::Value>,
    ) -> io::Result<Answer> {
        let result = self.send_inner(method, path, headers, body).await;
        if result.is_err() {
            self.stream = None;
        }
        result
    }

    async fn send_inner(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&serde_json::Value>,
    ) -> io::Result<Answer> {
        let body = body.map(|b| serde_json::to_vec(b).expect("JSON body"));
        let mut req = head(
            &self.target,
            method,
            path,
            headers,
            body.as_ref().map(Vec::len),
        );
        if let Some(b) = &body {
            req.extend_from_slice(b);
        }
        let s = self.stream().await?;
        s.get_mut().write_all(&req).await?;
        let (status, hdrs) = read_head(s).await?;
        let mut out = Vec::new();
        if status == 204 || status == 304 || method == "HEAD" || (100..200).contains(&status) {
        } else if header(&hdrs, "transfer-encoding").is_some_and(|v| v.contains("chunked")) {
            while let Some(chunk) = read_chunk(s).await? {
                out.extend_from_slice(&chunk);
            }
        } else if let Some(n) = header(&hdrs, "content-length") {
            let n: usize = n.parse().map_err(|_| bad("bad content-length"))?;
            out.resize(n, 0);
            s.read_exact(&mut out).await?;
        } else {
            s.read_to_end(&mut out).await?;
            self.stream = None;
        }
        if header(&hdrs, "connection").is_some_and(|v| v.eq_ignore_ascii_case("close")) {
            self.stream = None;
        }
        Ok(Answer { status, body: out })
    }

    /// Opens an event stream: the status, then `on_data` is called with every `data:` line
    /// until the server ends the stream or `on_data` returns false.
    pub async fn events(
        mut self,
        path: &str,
        mut on_data: impl FnMut(&str) -> bool,
    ) -> io::Result<u16> {
        let req = head(
            &self.target,
            "GET",
            path,
            &[("Accept", "text/event-stream")],
            None,
        );
        let s = self.stream().await?;
        s.get_mut().write_all(&req).await?;
        let (status, hdrs) = read_head(s).await?;
        if status != 200 {
            return Ok(status);
        }
        let chunked = header(&hdrs, "transfer-encoding").is_some_and(|v| v.contains("chunked"));
        let mut pending = Vec::<u8>::new();
        loop {
            let chunk = if chunked {
                match read_chunk(s).await? {
                    Some(c) => c,
                    None => return Ok(status),
                }
            } else {
                let mut buf = vec![0; 8192];
                let n = s.read(&mut buf).await?;
                if n == 0 {
                    return Ok(status);
                }
                buf.truncate(n);
                buf
            };
            pending.extend_from_slice(&chunk);
            while let Some(i) = pending.iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = pending.drain(..=i).collect();
                let line = String::from_utf8_lossy(&line);
                if let Some(data) = line.strip_prefix("data:") {
                    if !on_data(data.trim()) {
                        return Ok(status);
                    }
                }
            }
        }
    }
}
