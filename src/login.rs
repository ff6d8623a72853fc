//! Who is at the keyboard, for the audit trail: the OS login name. The environment says it
//! first (`USER`, `LOGNAME`, `USERNAME` on Windows); where none is set (a service, `env -i`,
//! some containers) the user's id is looked up in the password file. A trail that says
//! "unknown" tells a reviewer nothing, so a user with no name is at least recorded by id.

use std::path::Path;

/// The login name of the user running the program.
pub fn login_name(var: impl Fn(&str) -> Option<String>) -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| var(k).filter(|v| !v.trim().is_empty()))
        .or_else(from_password_file)
        .unwrap_or_else(|| "unknown".into())
}

/// The name of the process's real user, from `/proc/self/status` and `/etc/passwd`; its id
/// when the password file does not name it.
fn from_password_file() -> Option<String> {
    let status = std::fs::read_to_string(Path::new("/proc/self/status")).ok()?;
    let uid = real_uid(&status)?;
    let passwd = std::fs::read_to_string(Path::new("/etc/passwd")).unwrap_or_default();
    Some(name_of(&passwd, uid).unwrap_or_else(|| format!("uid {uid}")))
}

/// The real user id of a `/proc/<pid>/status` text (the first number of its `Uid:` line).
fn real_uid(status: &str) -> Option<u32> {
    status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
}

/// The name of `uid` in a password file (`name:x:uid:gid:…`).
fn name_of(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|l| {
        let mut f = l.split(':');
        let name = f.next()?;
        let id: u32 = f.nth(1)?.parse().ok()?;
        (id == uid && !name.is_empty()).then(|| name.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_is_asked_first_in_order() {
        let env = |k: &str| match k {
            "LOGNAME" => Some("anna".to_string()),
            "USERNAME" => Some("fel".to_string()),
            _ => None,
        };
        assert_eq!(login_name(env), "anna");
        let blank = |k: &str| (k == "USER").then(|| " ".to_string());
        assert_ne!(login_name(blank), " ", "a blank name is no name");
    }

    #[test]
    fn without_the_environment_the_password_file_names_the_user() {
        let status = "Name:\tkravkoll\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\n";
        assert_eq!(real_uid(status), Some(1000));
        let passwd = "root:x:0:0:root:/root:/bin/bash\nanna:x:1000:1000:Anna:/home/anna:/bin/sh\n";
        assert_eq!(name_of(passwd, 1000).as_deref(), Some("anna"));
        assert_eq!(name_of(passwd, 0).as_deref(), Some("root"));
        assert_eq!(name_of(passwd, 4242), None);
        assert_eq!(name_of("trasig rad\n::\n", 0), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn on_linux_an_empty_environment_still_gives_a_name() {
        let name = login_name(|_| None);
        assert_ne!(name, "unknown");
        assert!(!name.is_empty());
    }
}
