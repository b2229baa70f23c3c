//! The audit log is append-only in the code as well as in the database: a scan of every crate's
//! sources for updates and deletes of audit entries, with its one allowed function.

/// No code path updates or deletes audit entries. Every source file of every crate of the
/// workspace is read (recursively, `members` of the root manifest): a function that names the
/// audit log (`audit_log` as a path, a table name or in SQL text) may not call an update or a
/// delete (`update…(`, `delete…(`, `save(`) nor hold SQL that changes or empties the table.
/// The one exception is named by its function, wherever it lives: erasure clearing the client
/// address (`origin`) of the person's own entries, the only update the database accepts. Every
/// other change is refused by the database as well (tests/it/erasure.rs).
#[test]
fn no_code_updates_or_deletes_audit_entries() {
    // The only function that may change audit entries.
    const ALLOWED: &str = "forget_origins";
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap();
    let crates = workspace_members(&root.join("Cargo.toml"));
    for needed in ["app", "entity", "kernel", "migration", "server", "service"] {
        assert!(crates.iter().any(|c| c == needed), "{needed} in {crates:?}");
    }
    let mut offenders = vec![];
    let mut allowed = vec![];
    let mut writer_seen = false;
    for krate in &crates {
        let src = root.join(krate).join("src");
        assert!(src.is_dir(), "{}", src.display());
        for file in walk(&src) {
            let text = std::fs::read_to_string(&file).unwrap();
            let shown = file.strip_prefix(root).unwrap().display().to_string();
            for unit in audit_units(&text) {
                if !unit.names_audit || unit.writes.is_empty() {
                    continue;
                }
                if unit.name == ALLOWED {
                    allowed.push((shown.clone(), unit));
                    continue;
                }
                for (line, what) in &unit.writes {
                    offenders.push(format!(
                        "{shown}:{line}: {what} in `{}`, which names the audit log",
                        unit.name
                    ));
                }
            }
            // The writer module itself has an insert and nothing else.
            if file.ends_with("service/src/access/audit.rs") {
                writer_seen = true;
                assert!(text.contains("insert_many("), "audit.rs inserts");
                for call in [
                    ".update(",
                    ".delete(",
                    ".save(",
                    "update_many",
                    "delete_many",
                ] {
                    assert!(!text.contains(call), "audit.rs must only insert: {call}");
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
    assert!(
        writer_seen,
        "the audit writer (service/src/access/audit.rs) was not read"
    );
    // The exception: one function of that name in the whole workspace, and all it does to the
    // log is one `update_many` that sets `origin` to NULL.
    let places: Vec<&str> = allowed.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        places.len(),
        1,
        "exactly one `{ALLOWED}` changes the log: {places:?}"
    );
    let (file, unit) = &allowed[0];
    let whats: Vec<&str> = unit.writes.iter().map(|(_, w)| w.as_str()).collect();
    assert_eq!(
        whats,
        ["`update_many(`"],
        "{file}: `{ALLOWED}` only clears origins"
    );
    assert_eq!(
        unit.code.matches(".col_expr(").count(),
        1,
        "{file}: `{ALLOWED}` sets one column"
    );
    assert!(
        unit.code
            .contains(".col_expr(audit_log::Column::Origin,Expr::value(None::<String>))"),
        "{file}: `{ALLOWED}` sets `origin` to NULL and nothing else"
    );
}

/// The crates of the workspace: `members = [...]` of the root manifest.
fn workspace_members(manifest: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).unwrap();
    let at = text
        .find("\nmembers")
        .expect("a members list in the workspace manifest")
        + 1;
    let rest = &text[at..];
    let (open, close) = (rest.find('[').unwrap(), rest.find(']').unwrap());
    let members: Vec<String> = rest[open + 1..close]
        .split(',')
        .map(|m| m.trim().trim_matches('"').to_string())
        .filter(|m| !m.is_empty())
        .collect();
    assert!(
        members.iter().all(|m| !m.contains('*')),
        "globs are not read here: {members:?}"
    );
    members
}

/// A function of a source file (or the text outside every function) as the audit test sees
/// it: whether it names the audit log, and the calls and SQL in it that update or delete.
struct AuditUnit {
    name: String,
    names_audit: bool,
    /// (line, what) of each call or statement that updates or deletes.
    writes: Vec<(usize, String)>,
    /// Its own code (not that of functions nested in it) without comments and white space.
    code: String,
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `text` with its comments blanked (`code`), and with the contents of string and character
/// literals blanked as well (`bare`). Newlines stay, so positions and lines are the source's.
fn blank_comments_and_literals(text: &str) -> (Vec<char>, Vec<char>) {
    let src: Vec<char> = text.chars().collect();
    let n = src.len();
    let (mut code, mut bare) = (src.clone(), src.clone());
    let at = |i: usize| src.get(i).copied().unwrap_or('\0');
    let mut i = 0;
    while i < n {
        let c = src[i];
        let after_ident = i > 0 && is_ident(src[i - 1]);
        let byte_prefix = i > 0 && src[i - 1] == 'b' && (i == 1 || !is_ident(src[i - 2]));
        if c == '/' && at(i + 1) == '/' {
            while i < n && src[i] != '\n' {
                code[i] = ' ';
                bare[i] = ' ';
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0i32;
            while i < n {
                let open = src[i] == '/' && at(i + 1) == '*';
                let close = src[i] == '*' && at(i + 1) == '/';
                let width = if open || close { 2 } else { 1 };
                depth += i32::from(open) - i32::from(close);
                for k in i..(i + width).min(n) {
                    if src[k] != '\n' {
                        code[k] = ' ';
                        bare[k] = ' ';
                    }
                }
                i += width;
                if depth == 0 {
                    break;
                }
            }
        } else if c == 'r' && matches!(at(i + 1), '"' | '#') && (!after_ident || byte_prefix) {
            let mut j = i + 1;
            while at(j) == '#' {
                j += 1;
            }
            if at(j) != '"' {
                // A raw identifier (`r#type`).
                i += 1;
                continue;
            }
            let hashes = j - i - 1;
            j += 1;
            while j < n && !(src[j] == '"' && (1..=hashes).all(|h| at(j + h) == '#')) {
                if src[j] != '\n' {
                    bare[j] = ' ';
                }
                j += 1;
            }
            i = j + 1 + hashes;
        } else if c == '"' {
            let mut j = i + 1;
            while j < n && src[j] != '"' {
                let width = if src[j] == '\\' { 2 } else { 1 };
                for k in j..(j + width).min(n) {
                    if src[k] != '\n' {
                        bare[k] = ' ';
                    }
                }
                j += width;
            }
            i = j + 1;
        } else if c == '\'' && at(i + 1) == '\\' {
            let mut j = i + 3;
            while j < n && src[j] != '\'' {
                j += 1;
            }
            for b in &mut bare[i + 1..j.min(n)] {
                *b = ' ';
            }
            i = j + 1;
        } else if c == '\'' && at(i + 2) == '\'' && at(i + 1) != '\n' {
            bare[i + 1] = ' ';
            i += 3;
        } else {
            i += 1;
        }
    }
    (code, bare)
}

/// The functions in `bare`: name, and the positions of the braces around the body.
fn function_bodies(bare: &[char]) -> Vec<(String, usize, usize)> {
    let n = bare.len();
    let mut out = vec![];
    let mut i = 0;
    while i + 2 < n {
        let keyword = bare[i] == 'f'
            && bare[i + 1] == 'n'
            && bare[i + 2].is_whitespace()
            && (i == 0 || !is_ident(bare[i - 1]));
        if !keyword {
            i += 1;
            continue;
        }
        let mut j = i + 2;
        while j < n && bare[j].is_whitespace() {
            j += 1;
        }
        let name: String = bare[j..].iter().take_while(|c| is_ident(**c)).collect();
        j += name.chars().count();
        // The body: the first `{` outside parentheses and brackets; a `;` first: no body.
        let mut depth = 0i32;
        let mut open = None;
        while j < n {
            match bare[j] {
                '(' | '[' => depth += 1,
                ')' | ']' => depth -= 1,
                ';' if depth == 0 => break,
                '{' if depth == 0 => {
                    open = Some(j);
                    break;
                }
                _ => {}
            }
            j += 1;
        }
        if let (Some(open), false) = (open, name.is_empty()) {
            let mut level = 0i32;
            let mut k = open;
            while k < n {
                match bare[k] {
                    '{' => level += 1,
                    '}' => level -= 1,
                    _ => {}
                }
                if level == 0 {
                    break;
                }
                k += 1;
            }
            out.push((name, open, k.min(n - 1)));
        }
        i += 2;
    }
    out
}

/// The units of a source file: first the text outside every function, then each function
/// (each position belongs to the innermost function around it).
fn audit_units(text: &str) -> Vec<AuditUnit> {
    let (code, bare) = blank_comments_and_literals(text);
    let n = code.len();
    let fns = function_bodies(&bare);
    let mut owner: Vec<usize> = vec![0; n];
    for (f, (_, open, close)) in fns.iter().enumerate() {
        for o in &mut owner[*open..=*close] {
            *o = f + 1;
        }
    }
    let mut line: Vec<usize> = vec![1; n];
    for k in 1..n {
        line[k] = line[k - 1] + usize::from(code[k - 1] == '\n');
    }
    let mut units: Vec<AuditUnit> = std::iter::once("(outside any fn)".to_string())
        .chain(fns.iter().map(|(name, _, _)| name.clone()))
        .map(|name| AuditUnit {
            name,
            names_audit: false,
            writes: vec![],
            code: String::new(),
        })
        .collect();
    let audit: Vec<char> = "audit_log".chars().collect();
    for k in 0..n {
        if !code[k].is_whitespace() {
            units[owner[k]].code.push(code[k]);
        }
        let word = k + audit.len() <= n
            && code[k..k + audit.len()] == audit[..]
            && (k == 0 || !is_ident(code[k - 1]))
            && (k + audit.len() == n || !is_ident(code[k + audit.len()]));
        if word {
            units[owner[k]].names_audit = true;
        }
    }
    // Calls whose name begins with `update` or `delete`, and `save` (insert or update).
    let mut previous = String::new();
    let mut k = 0;
    while k < n {
        if !is_ident(bare[k]) {
            k += 1;
            continue;
        }
        let word: String = bare[k..].iter().take_while(|c| is_ident(**c)).collect();
        let len = word.chars().count();
        let mut j = k + len;
        while j < n && bare[j].is_whitespace() {
            j += 1;
        }
        let called = j < n
            && (bare[j] == '('
                || (bare[j] == ':'
                    && bare.get(j + 1) == Some(&':')
                    && bare.get(j + 2) == Some(&'<')));
        let writes = word.starts_with("update") || word.starts_with("delete") || word == "save";
        if called && writes && previous != "fn" {
            units[owner[k]].writes.push((line[k], format!("`{word}(`")));
        }
        previous = word;
        k += len;
    }
    // SQL text: lower case, quotes and backslashes left out, white space as one space.
    let (mut flat, mut from): (Vec<char>, Vec<usize>) = (vec![], vec![]);
    for (k, &c) in code.iter().enumerate() {
        if matches!(c, '"' | '\\' | '`') || (c.is_whitespace() && flat.last() == Some(&' ')) {
            continue;
        }
        let c = if c.is_whitespace() { ' ' } else { c };
        for l in c.to_lowercase() {
            flat.push(l);
            from.push(k);
        }
    }
    for sql in [
        "update audit_log",
        "update only audit_log",
        "delete from audit_log",
        "delete from only audit_log",
        "truncate audit_log",
        "truncate table audit_log",
    ] {
        let p: Vec<char> = sql.chars().collect();
        for s in 0..flat.len().saturating_sub(p.len() - 1) {
            let found = flat[s..s + p.len()] == p[..]
                && (s == 0 || !is_ident(flat[s - 1]))
                && flat.get(s + p.len()).is_none_or(|c| !is_ident(*c));
            if found {
                let k = from[s];
                units[owner[k]]
                    .writes
                    .push((line[k], format!("SQL `{sql}`")));
            }
        }
    }
    units
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}
