//! A request body held in a temporary file instead of memory: an upload streams to disk as it
//! arrives and stops at its limit, so fifty people sending 50 MB videos at once cost the server
//! disk, not 2.5 GB of memory. The file is removed when the `Spooled` is dropped, whatever
//! happens to the request.

use std::io;
use std::path::Path;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};

/// A body written to a private temporary file (mode 0600, removed on drop).
#[derive(Debug)]
pub struct Spooled {
    file: tempfile::NamedTempFile,
    len: u64,
}

/// Why a body was not spooled.
#[derive(Debug)]
pub enum SpoolError {
    /// The body is longer than the limit; reading stopped one byte past it.
    TooLarge,
    Io(io::Error),
}

impl From<io::Error> for SpoolError {
    fn from(e: io::Error) -> Self {
        SpoolError::Io(e)
    }
}

impl Spooled {
    /// Copies `body` to a new temporary file in `dir` (the system's temporary directory when
    /// `None`), reading at most `max` bytes plus one (to tell that there was more).
    pub async fn from_reader(
        body: impl AsyncRead + Unpin,
        max: usize,
        dir: Option<&Path>,
    ) -> Result<Spooled, SpoolError> {
        let mut builder = tempfile::Builder::new();
        builder.prefix("hallowerk-upload-");
        let file = match dir {
            Some(dir) => builder.tempfile_in(dir)?,
            None => builder.tempfile()?,
        };
        let mut out = tokio::fs::File::from_std(file.reopen()?);
        let limit = max as u64 + 1;
        let len = tokio::io::copy(&mut body.take(limit), &mut out).await?;
        if len > max as u64 {
            return Err(SpoolError::TooLarge);
        }
        out.flush().await?;
        Ok(Spooled { file, len })
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// The whole file in memory: only for bodies whose limit is small (a photo is decoded
    /// whole anyway).
    pub async fn read_all(&self) -> io::Result<Vec<u8>> {
        tokio::fs::read(self.path()).await
    }

    /// Runs `edit` on the file's bytes in place, mapped into memory by the kernel rather than
    /// copied into the heap (pages are read as `edit` touches them and written back after).
    /// Blocking work, so it runs on the blocking pool.
    pub async fn edit_in_place<T: Send + 'static>(
        self,
        edit: impl FnOnce(&mut [u8]) -> T + Send + 'static,
    ) -> io::Result<(Spooled, T)> {
        tokio::task::spawn_blocking(move || {
            let out = if self.len == 0 {
                edit(&mut [])
            } else {
                let file = self.file.as_file();
                // SAFETY: the map is of our own temporary file, created private (0600) by this
                // process and not given to anyone; nothing else writes or truncates it while
                // the map lives (it is dropped at the end of this block).
                let mut map = unsafe { memmap2::MmapMut::map_mut(file)? };
                let out = edit(&mut map);
                map.flush()?;
                out
            };
            Ok((self, out))
        })
        .await
        .map_err(io::Error::other)?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_body_within_its_limit_lands_whole_and_one_beyond_it_is_refused() {
        let spooled = Spooled::from_reader(&b"twelve bytes"[..], 12, None)
            .await
            .unwrap();
        assert_eq!(spooled.len(), 12);
        assert_eq!(spooled.read_all().await.unwrap(), b"twelve bytes");
        assert!(matches!(
            Spooled::from_reader(&b"thirteen byte"[..], 12, None).await,
            Err(SpoolError::TooLarge)
        ));
    }

    #[tokio::test]
    async fn an_edit_in_place_reaches_the_file_and_the_file_goes_with_the_value() {
        let spooled = Spooled::from_reader(&b"abcdef"[..], 100, None)
            .await
            .unwrap();
        let path = spooled.path().to_path_buf();
        let (spooled, n) = spooled
            .edit_in_place(|b| {
                b[1..3].fill(b'-');
                b.len()
            })
            .await
            .unwrap();
        assert_eq!(n, 6);
        assert_eq!(spooled.read_all().await.unwrap(), b"a--def");
        drop(spooled);
        assert!(!path.exists(), "the temporary file is removed on drop");
    }
}
