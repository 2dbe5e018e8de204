//! Compares a language's catalogue with English: the same messages, each using only the
//! arguments the code passes (those English uses), and no damaged entries.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use fluent_bundle::FluentResource;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::bundled;

/// Something wrong with a catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// An entry that does not parse.
    Damaged { area: String, near: String },
    /// A message English has and this language lacks.
    Missing { key: String },
    /// A message this language has and English does not (a typo or a stale key).
    Unknown { key: String },
    /// A message using an argument the code does not pass.
    UnknownArgument { key: String, argument: String },
    /// A message defined twice.
    Duplicate { key: String },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Damaged { area, near } => write!(f, "{area}.ftl does not parse near {near:?}"),
            Problem::Missing { key } => write!(f, "missing message {key}"),
            Problem::Unknown { key } => write!(f, "message {key} is not in English"),
            Problem::UnknownArgument { key, argument } => {
                write!(f, "message {key} uses ${argument}, which English does not")
            }
            Problem::Duplicate { key } => write!(f, "message {key} is defined twice"),
        }
    }
}

/// Every message of `sources` (area, Fluent text) with the arguments it uses.
fn messages(
    sources: &[(&str, &str)],
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for (area, source) in sources {
        let resource = match FluentResource::try_new((*source).to_owned()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        for entry in resource.entries() {
            match entry {
                Entry::Message(m) => {
                    let mut args = BTreeSet::new();
                    if let Some(p) = &m.value {
                        pattern_args(p, &mut args);
                    }
                    for a in &m.attributes {
                        pattern_args(&a.value, &mut args);
                    }
                    if out.insert(m.id.name.to_owned(), args).is_some() {
                        problems.push(Problem::Duplicate {
                            key: m.id.name.to_owned(),
                        });
                    }
                }
                Entry::Junk { content } => problems.push(Problem::Damaged {
                    area: (*area).to_owned(),
                    near: content.chars().take(60).collect(),
                }),
                _ => {}
            }
        }
    }
    out
}

fn pattern_args(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_args(expression, out);
        }
    }
}

fn expression_args(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_args(inline, out),
        Expression::Select { selector, variants } => {
            inline_args(selector, out);
            for v in variants {
                pattern_args(&v.value, out);
            }
        }
    }
}

fn inline_args(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for p in &arguments.positional {
                inline_args(p, out);
            }
            for n in &arguments.named {
                inline_args(&n.value, out);
            }
        }
        InlineExpression::Placeable { expression } => expression_args(expression, out),
        _ => {}
    }
}

/// The arguments each message of `sources` (area, Fluent text) uses, by message id.
pub fn arguments_of(sources: &[(&str, &str)]) -> BTreeMap<String, BTreeSet<String>> {
    messages(sources, &mut Vec::new())
}

/// What is wrong with `sources` (area, Fluent text) as a translation of the English catalogue.
/// English itself is audited against itself: damaged or duplicate entries.
pub fn audit(sources: &[(&str, &str)]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut english_problems = Vec::new();
    let english = messages(bundled::ENGLISH, &mut english_problems);
    let theirs = messages(sources, &mut problems);
    for (key, english_args) in &english {
        match theirs.get(key) {
            None => problems.push(Problem::Missing { key: key.clone() }),
            Some(args) => {
                for argument in args.difference(english_args) {
                    problems.push(Problem::UnknownArgument {
                        key: key.clone(),
                        argument: argument.clone(),
                    });
                }
            }
        }
    }
    for key in theirs.keys() {
        if !english.contains_key(key) {
            problems.push(Problem::Unknown { key: key.clone() });
        }
    }
    problems
}
