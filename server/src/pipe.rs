//! A response body written by synchronous code on a blocking thread (the export's zip writer)
//! while the client reads it. If the writer stops before it finished (an error, a panic), the
//! body ends in an error rather than a clean end, so the connection is cut and the browser
//! reports a failed download instead of saving a short file as if it were whole.

use std::io::{self, Write};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, DuplexStream, ReadBuf};
use tokio_util::io::SyncIoBridge;

/// A pipe holding at most `capacity` bytes in flight: the writer waits for the reader.
pub fn pipe(capacity: usize) -> (PipeWriter, PipeBody) {
    let (write, read) = tokio::io::duplex(capacity);
    let broken = Arc::new(AtomicBool::new(false));
    (
        PipeWriter {
            inner: SyncIoBridge::new(write),
            finished: false,
            broken: broken.clone(),
        },
        PipeBody {
            inner: read,
            broken,
        },
    )
}

/// The writing end, for blocking code (made inside the runtime, used on a blocking thread).
pub struct PipeWriter {
    inner: SyncIoBridge<DuplexStream>,
    finished: bool,
    broken: Arc<AtomicBool>,
}

impl PipeWriter {
    /// Everything is written: the body ends cleanly.
    pub fn finish(mut self) -> io::Result<()> {
        self.inner.flush()?;
        self.inner.shutdown()?;
        self.finished = true;
        Ok(())
    }
}

impl Write for PipeWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl Drop for PipeWriter {
    fn drop(&mut self) {
        // Runs before the pipe itself closes, so the reader sees the mark with the end.
        if !self.finished {
            self.broken.store(true, Ordering::Release);
        }
    }
}

/// The reading end, for the response body.
pub struct PipeBody {
    inner: DuplexStream,
    broken: Arc<AtomicBool>,
}

impl AsyncRead for PipeBody {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) if buf.filled().len() == before => {
                if this.broken.load(Ordering::Acquire) {
                    Poll::Ready(Err(io::Error::other(
                        "the writer stopped before it finished",
                    )))
                } else {
                    Poll::Ready(Ok(()))
                }
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

    async fn read_all(mut body: PipeBody) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        body.read_to_end(&mut out).await?;
        Ok(out)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_finished_writer_ends_the_body_cleanly() {
        let (mut writer, body) = pipe(8);
        let writing = tokio::task::spawn_blocking(move || {
            writer.write_all(b"more than eight bytes through a small pipe")?;
            writer.finish()
        });
        assert_eq!(
            read_all(body).await.unwrap(),
            b"more than eight bytes through a small pipe"
        );
        writing.await.unwrap().unwrap();
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_writer_that_stops_early_ends_the_body_in_an_error() {
        let (mut writer, body) = pipe(64);
        tokio::task::spawn_blocking(move || {
            writer.write_all(b"half a zip").unwrap();
            // Dropped without finishing, as on an error.
        });
        assert!(read_all(body).await.is_err());
    }
}
