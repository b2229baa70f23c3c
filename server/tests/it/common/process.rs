//! The real server binary as a separate process on a test's database, spoken to over raw
//! HTTP/1.1 (for what only a process can show: being killed, or running beside another).

use super::TestApp;
use server::demo::http;
use std::path::PathBuf;
use std::time::Duration;

/// A running server process; killed when dropped.
pub struct Server {
    child: std::process::Child,
    pub port: u16,
    /// Its standard output and error: the log, at the levels `RUST_LOG` asked for.
    pub log: PathBuf,
}

/// What a process runs beside its requests.
pub struct Options {
    /// Every how many seconds the background jobs look for work (`None`: no jobs).
    pub jobs_every: Option<u32>,
    pub rust_log: &'static str,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            jobs_every: None,
            rust_log: "warn",
        }
    }
}

impl Server {
    /// Starts the server binary on the test's database and media, without demo data.
    pub fn start(app: &TestApp, o: Options) -> Server {
        let port = free_port();
        let log = std::env::temp_dir().join(format!("hw-server-{}-{port}.log", std::process::id()));
        let stderr = std::fs::File::create(&log).expect("a log file");
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .env("DATABASE_URL", app.url())
            .env("HW_DEMO_DATA", "off")
            .env("HW_JOBS", if o.jobs_every.is_some() { "1" } else { "0" })
            .env(
                "HW_JOBS_INTERVAL_SECS",
                o.jobs_every.unwrap_or(30).to_string(),
            )
            .env(
                "HW_SECRET_KEY",
                super::TEST_SECRET_KEY
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect::<String>(),
            )
            .env("HW_MEDIA_DIR", &app.media_dir)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_OUTPUT_NAME", "hallowerk")
            .env("LEPTOS_SITE_ROOT", std::env::temp_dir())
            .env("RUST_LOG", o.rust_log)
            .env("NO_COLOR", "1")
            // (The log goes to standard output.)
            .stdout(stderr.try_clone().expect("a second handle"))
            .stderr(stderr)
            .spawn()
            .expect("the server binary starts");
        Server { child, port, log }
    }

    /// Kills it without warning (SIGKILL: no shutdown of any kind).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Its log so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits (up to a minute) until its log holds `line`.
    pub async fn wait_for_log(&self, line: &str) {
        for _ in 0..600 {
            if self.log_text().contains(line) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "no {line:?} in the log within a minute:\n{}",
            self.log_text()
        );
    }

    /// POSTs a server function with a form body.
    pub async fn form(
        &self,
        cookie: Option<&str>,
        endpoint: &str,
        args: &[(&str, &str)],
    ) -> std::io::Result<(u16, String)> {
        let body = serde_urlencoded::to_string(args).unwrap();
        post(
            self.port,
            &format!("/api/{endpoint}"),
            cookie,
            "application/x-www-form-urlencoded",
            &body,
        )
        .await
    }

    /// POSTs a server function with a JSON body.
    pub async fn json(
        &self,
        cookie: Option<&str>,
        endpoint: &str,
        args: serde_json::Value,
    ) -> std::io::Result<(u16, String)> {
        post(
            self.port,
            &format!("/api/{endpoint}"),
            cookie,
            "application/json",
            &args.to_string(),
        )
        .await
    }

    /// Signs in with the demo password (waiting until the server answers) and returns the
    /// session cookie; for an account with a second factor, completes it with the demo code.
    pub async fn sign_in(&self, app: &TestApp, email: &str) -> String {
        let args = [("email", email), ("password", super::DEMO_PASSWORD)];
        for _ in 0..600 {
            if let Ok((200, response)) = self.form(None, "login", &args).await {
                let cookie = session_cookie(&response);
                let second = app.user(email).await.is_some_and(|u| {
                    kernel::domain::Role::from_code(&u.role)
                        .is_some_and(|r| r.signs_in_with_second_factor())
                });
                if !second {
                    return cookie;
                }
                app.forget_last_code(email).await;
                let (status, response) = self
                    .form(
                        Some(&cookie),
                        "second-factor/verify",
                        &[("code", &app.demo_code())],
                    )
                    .await
                    .expect("the second step");
                assert_eq!(status, 200, "second step {email}: {response}");
                return session_cookie(&response);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the server did not answer within a minute");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_file(&self.log);
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The `hw_session=…` pair a response sets.
fn session_cookie(response: &str) -> String {
    http::session_cookie(response).expect("a session cookie")
}

pub use server::demo::http::body;

/// One HTTP/1.1 POST over a connection of its own: the status and the whole response.
pub async fn post(
    port: u16,
    path: &str,
    cookie: Option<&str>,
    content_type: &str,
    body: &str,
) -> std::io::Result<(u16, String)> {
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let response =
        http::exchange(addr, &http::post(addr, path, cookie, content_type, body)).await?;
    let status = http::status(&response)
        .ok_or_else(|| std::io::Error::other(format!("no status in {response:?}")))?;
    Ok((status, response))
}
