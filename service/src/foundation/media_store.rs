//! Where photo and video files live: the store the media features and the erasure write to.

use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Where media files live. Keys are random, so nothing about a file can be guessed from
/// its name. A directory implementation now; object storage (S3) can implement the same.
pub trait MediaStore: Send + Sync + std::fmt::Debug {
    fn put<'a>(&'a self, key: &'a str, data: Vec<u8>) -> BoxFuture<'a, io::Result<()>>;
    /// Stores a copy of the file at `from` (an upload's spool), without reading it into memory.
    fn put_file<'a>(&'a self, key: &'a str, from: &'a Path) -> BoxFuture<'a, io::Result<()>>;
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<Vec<u8>>>;
    /// The file's length in bytes.
    fn len<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<u64>>;
    /// A reader of `len` bytes from `start`: a video is streamed, never read whole into memory.
    fn read_range<'a>(
        &'a self,
        key: &'a str,
        start: u64,
        len: u64,
    ) -> BoxFuture<'a, io::Result<MediaReader>>;
    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<()>>;
    /// Where uploads wait while they arrive: on the store's own disk when it has one (the
    /// system's temporary directory may be memory, which spooling is meant to spare).
    fn spool_dir(&self) -> Option<&Path> {
        None
    }
}

/// Bytes of a stored file, as they are read.
pub type MediaReader = Pin<Box<dyn tokio::io::AsyncRead + Send>>;

pub fn new_key() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

/// A directory outside the web root.
#[derive(Debug, Clone)]
pub struct DirStore {
    root: PathBuf,
    spool: PathBuf,
}

impl DirStore {
    /// Opens (making it if need be) the store at `root`. Uploads left half-arrived in its spool
    /// by a server that stopped are removed.
    pub fn new(root: impl Into<PathBuf>) -> io::Result<Self> {
        let root = root.into();
        let spool = root.join("spool");
        std::fs::create_dir_all(&spool)?;
        for left in std::fs::read_dir(&spool)? {
            let left = left?.path();
            if left
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("hallowerk-upload-"))
            {
                let _ = std::fs::remove_file(left);
            }
        }
        Ok(DirStore { root, spool })
    }

    fn path(&self, key: &str) -> io::Result<PathBuf> {
        if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "bad media key"));
        }
        Ok(self.root.join(&key[..2]).join(key))
    }
}

impl MediaStore for DirStore {
    fn put<'a>(&'a self, key: &'a str, data: Vec<u8>) -> BoxFuture<'a, io::Result<()>> {
        Box::pin(async move {
            let path = self.path(key)?;
            tokio::fs::create_dir_all(path.parent().expect("has a parent")).await?;
            // Write then rename: a reader never sees half a file.
            let tmp = path.with_extension("part");
            tokio::fs::write(&tmp, data).await?;
            tokio::fs::rename(&tmp, &path).await
        })
    }
    fn put_file<'a>(&'a self, key: &'a str, from: &'a Path) -> BoxFuture<'a, io::Result<()>> {
        Box::pin(async move {
            let path = self.path(key)?;
            tokio::fs::create_dir_all(path.parent().expect("has a parent")).await?;
            let tmp = path.with_extension("part");
            tokio::fs::copy(from, &tmp).await?;
            tokio::fs::rename(&tmp, &path).await
        })
    }
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<Vec<u8>>> {
        Box::pin(async move { tokio::fs::read(self.path(key)?).await })
    }
    fn len<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<u64>> {
        Box::pin(async move { Ok(tokio::fs::metadata(self.path(key)?).await?.len()) })
    }
    fn read_range<'a>(
        &'a self,
        key: &'a str,
        start: u64,
        len: u64,
    ) -> BoxFuture<'a, io::Result<MediaReader>> {
        Box::pin(async move {
            use tokio::io::{AsyncReadExt, AsyncSeekExt};
            let mut file = tokio::fs::File::open(self.path(key)?).await?;
            file.seek(io::SeekFrom::Start(start)).await?;
            Ok(Box::pin(file.take(len)) as MediaReader)
        })
    }
    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<()>> {
        Box::pin(async move {
            match tokio::fs::remove_file(self.path(key)?).await {
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                other => other,
            }
        })
    }
    fn spool_dir(&self) -> Option<&Path> {
        Some(&self.spool)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_left_in_the_spool_by_a_stopped_server_are_removed_on_opening() {
        let root = std::env::temp_dir().join(format!("hw-store-{}", new_key()));
        let store = DirStore::new(&root).unwrap();
        let spool = store.spool_dir().unwrap().to_path_buf();
        let left = spool.join("hallowerk-upload-abc");
        std::fs::write(&left, b"half a video").unwrap();
        DirStore::new(&root).unwrap();
        assert!(!left.exists());
        std::fs::remove_dir_all(root).unwrap();
    }
}
