//! Files the program writes for the user (set exports now; document exports and the
//! interactive program's exports later) and files it reads from the user (set files, profiles).
//!
//! Writing never destroys what is there by surprise: an existing file is refused unless the
//! caller says to replace it, a symbolic link at the target is refused always (it could point
//! anywhere the user can write), and the content goes to a temporary file in the same directory
//! that is renamed over the target, so a crash leaves the old file or the new one, never half a
//! file. The mode is set explicitly after creating, so a permissive umask (000) does not make a
//! private file readable by others. Reading stops at a size limit before the whole file is in
//! memory. Errors are typed and carry the path; `i18n::file_error` words them.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use thiserror::Error;

/// Who may read a written file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// 0644: documents and set exports meant to be shared.
    Shared,
    /// 0600: the owner only (backups, logs, anything with personal data).
    Private,
}

impl Access {
    pub fn mode(self) -> u32 {
        match self {
            Access::Shared => 0o644,
            Access::Private => 0o600,
        }
    }
}

/// What to do when the target exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse with [`FileError::Exists`] (the default of every command).
    Refuse,
    /// Replace the file (`--force`). A symbolic link or a directory is still refused.
    Replace,
}

#[derive(Debug, Error)]
pub enum FileError {
    #[error("{} already exists; choose another name or use --force to replace it", .0.display())]
    Exists(PathBuf),
    #[error("{} is a symbolic link; kravkoll does not write through links, name the file itself", .0.display())]
    Symlink(PathBuf),
    #[error("{} is a directory, not a file", .0.display())]
    IsDirectory(PathBuf),
    #[error("the directory {} does not exist", .0.display())]
    DirectoryMissing(PathBuf),
    #[error("{} does not exist", .0.display())]
    NotFound(PathBuf),
    #[error("permission denied: {}", .0.display())]
    PermissionDenied(PathBuf),
    #[error("{} is larger than the limit of {limit} bytes", .path.display())]
    TooLarge {
        path: PathBuf,
        /// The size found; `None` when the file grew past the limit while being read.
        size: Option<u64>,
        limit: u64,
    },
    #[error("{} is not UTF-8 text", .0.display())]
    NotText(PathBuf),
    #[error("{}: {source}", .path.display())]
    Io { path: PathBuf, source: io::Error },
}

impl FileError {
    /// The path the error is about.
    pub fn path(&self) -> &Path {
        match self {
            FileError::Exists(p)
            | FileError::Symlink(p)
            | FileError::IsDirectory(p)
            | FileError::DirectoryMissing(p)
            | FileError::NotFound(p)
            | FileError::PermissionDenied(p)
            | FileError::NotText(p) => p,
            FileError::TooLarge { path, .. } | FileError::Io { path, .. } => path,
        }
    }

    /// An OS error about `path`, with the common kinds given their own variant.
    pub fn from_io(path: &Path, source: io::Error) -> FileError {
        let path = path.to_path_buf();
        match source.kind() {
            io::ErrorKind::NotFound => FileError::NotFound(path),
            io::ErrorKind::PermissionDenied => FileError::PermissionDenied(path),
            io::ErrorKind::IsADirectory => FileError::IsDirectory(path),
            io::ErrorKind::InvalidData => FileError::NotText(path),
            _ => FileError::Io { path, source },
        }
    }
}

/// Writes `contents` to `path` through a temporary file and a rename, with the mode of
/// `access` whatever the umask. See the module comment for what is refused.
pub fn write_file(
    path: &Path,
    contents: &[u8],
    access: Access,
    existing: Existing,
) -> Result<(), FileError> {
    check_target(path, existing)?;
    let dir = parent_dir(path);
    let temp = TempFile::create(&dir, path, access)?;
    temp.fill(contents, access)?;
    match existing {
        Existing::Replace => temp.rename_onto(path)?,
        Existing::Refuse => temp.link_onto(path)?,
    }
    // The rename is durable only once the directory entry is; a failure here loses nothing
    // that was there before, so it is not worth an error.
    #[cfg(unix)]
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Refuses a symbolic link or a directory at `path`, and an existing file unless replacing.
fn check_target(path: &Path, existing: Existing) -> Result<(), FileError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(FileError::Symlink(path.to_path_buf())),
        Ok(m) if m.is_dir() => Err(FileError::IsDirectory(path.to_path_buf())),
        Ok(_) if existing == Existing::Refuse => Err(FileError::Exists(path.to_path_buf())),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(FileError::from_io(path, e)),
    }
}

/// The directory a file lands in; `.` for a bare file name.
fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A temporary file beside the target, removed again unless it became the target.
struct TempFile {
    path: PathBuf,
    file: Option<File>,
    done: bool,
}

impl TempFile {
    fn create(dir: &Path, target: &Path, access: Access) -> Result<TempFile, FileError> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let stem = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut attempt = 0;
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let name = format!(".{stem}.{}.{n}.kravkoll-tmp", std::process::id());
            let path = dir.join(name);
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, access.mode());
            match options.open(&path) {
                Ok(file) => {
                    return Ok(TempFile {
                        path,
                        file: Some(file),
                        done: false,
                    });
                }
                // Left by another process with the same id long ago; try the next name.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Err(FileError::DirectoryMissing(dir.to_path_buf()));
                }
                Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                    return Err(FileError::PermissionDenied(dir.to_path_buf()));
                }
                Err(e) => return Err(FileError::from_io(target, e)),
            }
        }
    }

    /// Writes the contents, sets the mode explicitly (the umask applied at creation may have
    /// removed bits, or a umask of 000 may have left them all) and syncs to disk.
    fn fill(&self, contents: &[u8], access: Access) -> Result<(), FileError> {
        let io_err = |e| FileError::from_io(&self.path, e);
        let Some(mut file) = self.file.as_ref() else {
            return Ok(());
        };
        file.write_all(contents).map_err(io_err)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(fs::Permissions::from_mode(access.mode()))
                .map_err(io_err)?;
        }
        #[cfg(not(unix))]
        let _ = access;
        file.sync_all().map_err(io_err)
    }

    fn rename_onto(mut self, target: &Path) -> Result<(), FileError> {
        self.file = None;
        // rename replaces a link itself rather than following it, so a link made between the
        // check and here cannot redirect the write.
        fs::rename(&self.path, target).map_err(|e| FileError::from_io(target, e))?;
        self.done = true;
        Ok(())
    }

    /// Puts the file at `target` only if nothing is there: a hard link fails on an existing
    /// name, so a file made by someone else since the check is never replaced.
    fn link_onto(mut self, target: &Path) -> Result<(), FileError> {
        self.file = None;
        match fs::hard_link(&self.path, target) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                Err(FileError::Exists(target.to_path_buf()))
            }
            // File systems without hard links (FAT, some network shares): the check above is
            // all there is, and a rename completes the write.
            Err(_) => self.rename_onto(target),
        }
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.done {
            self.file = None;
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Reads a text file of at most `limit` bytes. A larger file is refused before it is read
/// whole; a file that grows while being read (or a device that never ends) is cut off at the
/// limit and refused too.
pub fn read_text(path: &Path, limit: u64) -> Result<String, FileError> {
    let err = |e| FileError::from_io(path, e);
    let file = File::open(path).map_err(err)?;
    let meta = file.metadata().map_err(err)?;
    if meta.is_dir() {
        return Err(FileError::IsDirectory(path.to_path_buf()));
    }
    if meta.len() > limit {
        return Err(FileError::TooLarge {
            path: path.to_path_buf(),
            size: Some(meta.len()),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(err)?;
    if bytes.len() as u64 > limit {
        return Err(FileError::TooLarge {
            path: path.to_path_buf(),
            size: None,
            limit,
        });
    }
    String::from_utf8(bytes).map_err(|_| FileError::NotText(path.to_path_buf()))
}

/// True when an existing file can be read by its group or by others (mode & 0o044), which a
/// database of procurements and suppliers should not be. False where the platform has no such
/// modes or the file is missing.
pub fn readable_by_others(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o044 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("kravkoll-tmp"))
            .collect()
    }

    #[test]
    fn an_existing_file_is_refused_unless_replacing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.toml");
        write_file(&path, b"first", Access::Shared, Existing::Refuse).unwrap();
        let again = write_file(&path, b"second", Access::Shared, Existing::Refuse);
        assert!(matches!(again, Err(FileError::Exists(_))), "{again:?}");
        assert_eq!(fs::read(&path).unwrap(), b"first");
        write_file(&path, b"third", Access::Shared, Existing::Replace).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"third");
        assert!(leftovers(dir.path()).is_empty());
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o644);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("precious");
        fs::write(&target, b"keep").unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        for existing in [Existing::Refuse, Existing::Replace] {
            let r = write_file(&link, b"evil", Access::Shared, existing);
            assert!(matches!(r, Err(FileError::Symlink(_))), "{r:?}");
        }
        assert_eq!(fs::read(&target).unwrap(), b"keep");
        let dangling = dir.path().join("dangling.toml");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        let r = write_file(&dangling, b"evil", Access::Shared, Existing::Refuse);
        assert!(matches!(r, Err(FileError::Symlink(_))), "{r:?}");
        assert!(!dir.path().join("nowhere").exists());
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_missing_directory_and_a_directory_target_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let r = write_file(
            &dir.path().join("no/such/out.toml"),
            b"x",
            Access::Shared,
            Existing::Refuse,
        );
        assert!(
            matches!(&r, Err(FileError::DirectoryMissing(d)) if d.ends_with("no/such")),
            "{r:?}"
        );
        let r = write_file(dir.path(), b"x", Access::Shared, Existing::Replace);
        assert!(matches!(r, Err(FileError::IsDirectory(_))), "{r:?}");
    }

    #[cfg(unix)]
    #[test]
    fn modes_are_set_explicitly() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let private = dir.path().join("private.db");
        write_file(&private, b"x", Access::Private, Existing::Refuse).unwrap();
        assert_eq!(mode(&private), 0o600);
        assert!(!readable_by_others(&private));
        // Replacing a file that had been opened up gives it the mode asked for.
        let shared = dir.path().join("shared.toml");
        fs::write(&shared, b"old").unwrap();
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o666)).unwrap();
        assert!(readable_by_others(&shared));
        write_file(&shared, b"new", Access::Shared, Existing::Replace).unwrap();
        assert_eq!(mode(&shared), 0o644);
        assert!(!readable_by_others(&dir.path().join("missing")));
    }

    #[test]
    fn reading_stops_at_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        fs::write(&path, vec![b'a'; 101]).unwrap();
        let r = read_text(&path, 100);
        assert!(
            matches!(
                r,
                Err(FileError::TooLarge {
                    size: Some(101),
                    limit: 100,
                    ..
                })
            ),
            "{r:?}"
        );
        assert_eq!(read_text(&path, 101).unwrap().len(), 101);
        fs::write(&path, b"\xff\xfe").unwrap();
        assert!(matches!(read_text(&path, 100), Err(FileError::NotText(_))));
        let missing = read_text(&dir.path().join("missing.toml"), 100);
        assert!(matches!(missing, Err(FileError::NotFound(_))));
        assert!(matches!(
            read_text(dir.path(), 100),
            Err(FileError::IsDirectory(_))
        ));
    }
}
