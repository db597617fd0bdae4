//! Help and usage text in the layout of spf13/cobra's default templates, which is what
//! `helm <command> --help` prints.

use super::flags::{Flag, Kind};
use super::{Command, Tree};

/// Minimum width of the command-name column in "Available Commands".
const MIN_NAME_PADDING: usize = 11;

/// The full help of `path` (`helm template --help`).
pub fn help(tree: &Tree, path: &[&Command]) -> String {
    let cmd = path[path.len() - 1];
    let mut out = String::new();
    let text = if cmd.long.is_empty() {
        cmd.short
    } else {
        cmd.long
    };
    if !text.is_empty() {
        out.push_str(text.trim_end());
        out.push_str("\n\n");
    }
    if cmd.run.is_some() || !cmd.children.is_empty() {
        out.push_str(&usage(tree, path));
    }
    out
}

/// `CommandPath`: the binary name and the command names.
pub fn command_path(tree: &Tree, path: &[&Command]) -> String {
    let mut parts = vec![tree.bin.as_str()];
    parts.extend(path[1..].iter().map(|c| c.name));
    parts.join(" ")
}

/// `UseLine`.
pub fn use_line(tree: &Tree, path: &[&Command]) -> String {
    let cmd = path[path.len() - 1];
    let mut line = command_path(tree, path);
    if !cmd.use_args.is_empty() {
        line.push(' ');
        line.push_str(cmd.use_args);
    }
    if !line.contains("[flags]") {
        line.push_str(" [flags]");
    }
    line
}

/// The usage block (cobra's `UsageString`).
pub fn usage(tree: &Tree, path: &[&Command]) -> String {
    let cmd = path[path.len() - 1];
    let mut out = String::from("Usage:");
    if cmd.run.is_some() {
        out.push_str("\n  ");
        out.push_str(&use_line(tree, path));
    }
    let children: Vec<&Command> = tree.visible_children(cmd);
    if !children.is_empty() {
        out.push_str(&format!("\n  {} [command]", command_path(tree, path)));
    }
    if !cmd.aliases.is_empty() {
        out.push_str("\n\nAliases:\n  ");
        let mut names = vec![cmd.name];
        names.extend(cmd.aliases.iter().copied());
        out.push_str(&names.join(", "));
    }
    if !cmd.example.is_empty() {
        out.push_str("\n\nExamples:\n");
        out.push_str(cmd.example);
    }
    if !children.is_empty() {
        out.push_str("\n\nAvailable Commands:");
        let mut entries: Vec<(&str, &str)> = children.iter().map(|c| (c.name, c.short)).collect();
        if path.len() == 1 {
            // cobra adds its `help` command to the root.
            entries.push(("help", "Help about any command"));
            entries.sort_unstable();
        }
        let pad = entries
            .iter()
            .map(|(n, _)| n.len())
            .max()
            .unwrap_or(0)
            .max(MIN_NAME_PADDING);
        for (name, short) in &entries {
            out.push_str(&format!("\n  {name:<pad$} {short}"));
        }
    }
    let local = tree.local_flags(path);
    if !local.is_empty() {
        out.push_str("\n\nFlags:\n");
        out.push_str(flag_usages(&local).trim_end());
    }
    let inherited = tree.inherited_flags(path);
    if !inherited.is_empty() {
        out.push_str("\n\nGlobal Flags:\n");
        out.push_str(flag_usages(&inherited).trim_end());
    }
    if !children.is_empty() {
        out.push_str(&format!(
            "\n\nUse \"{} [command] --help\" for more information about a command.",
            command_path(tree, path)
        ));
    }
    out.push('\n');
    out
}

/// pflag's `FlagUsages`: one line per visible flag, sorted by name, usage column aligned.
pub fn flag_usages(flags: &[&Flag]) -> String {
    let mut sorted: Vec<&&Flag> = flags.iter().filter(|f| !f.hidden).collect();
    sorted.sort_by_key(|f| f.name);
    let mut lines = Vec::new();
    let mut max = 0;
    for f in sorted {
        let mut left = match f.short {
            Some(c) => format!("  -{c}, --{}", f.name),
            None => format!("      --{}", f.name),
        };
        let (varname, usage) = unquote_usage(f);
        if !varname.is_empty() {
            left.push(' ');
            left.push_str(&varname);
        }
        if let Some(no_opt) = f.no_opt {
            match f.kind {
                Kind::String => left.push_str(&format!("[=\"{no_opt}\"]")),
                Kind::Bool if no_opt == "true" => {}
                _ => left.push_str(&format!("[={no_opt}]")),
            }
        }
        max = max.max(left.len());
        let mut right = usage;
        if !f.default_is_zero() {
            if matches!(f.kind, Kind::String) {
                right.push_str(&format!(" (default {:?})", f.default));
            } else {
                right.push_str(&format!(" (default {})", f.default));
            }
        }
        lines.push((left, right));
    }
    let mut out = String::new();
    for (left, right) in lines {
        // pflag measures the widest left column with its alignment marker, one past it.
        let spacing = " ".repeat(max + 1 - left.len());
        out.push_str(&format!("{left} {spacing} {right}\n"));
    }
    out
}

/// pflag's `UnquoteUsage`: a back-quoted word in the usage names the value.
fn unquote_usage(f: &Flag) -> (String, String) {
    let usage = f.usage;
    if let Some(start) = usage.find('`')
        && let Some(len) = usage[start + 1..].find('`')
    {
        let name = &usage[start + 1..start + 1 + len];
        let plain = format!("{}{}{}", &usage[..start], name, &usage[start + 2 + len..]);
        return (name.to_string(), plain);
    }
    (f.kind.type_word().to_string(), usage.to_string())
}
