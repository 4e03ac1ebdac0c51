use crate::text::Span;
use serde::{Deserialize, Serialize};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }
}

/// One defect found in one file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// None for findings about the document as a whole.
    pub span: Option<Span>,
    /// The place in the other report a comparison points at (last year's, another unit's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related: Option<Related>,
    /// Lines to show under the message: passages of both reports side by side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// A place in another report.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Related {
    pub path: String,
    pub year: Option<i32>,
    pub span: Option<Span>,
    pub line_col: Option<(usize, usize)>,
    /// Where that is in the other report's file (第3页), for formats other than text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// What a check reports before the engine turns it into a `Finding`: where, which message
/// variant, and the values the YAML message template refers to.
#[derive(Debug, Clone, Default)]
pub struct Hit {
    pub span: Option<Span>,
    pub variant: Option<&'static str>,
    pub vars: Vec<(&'static str, String)>,
    /// Overrides the rule's severity (a check may know one case is less certain).
    pub severity: Option<Severity>,
}

impl Hit {
    pub fn at(span: Span) -> Hit {
        Hit {
            span: Some(span),
            ..Hit::default()
        }
    }

    pub fn document() -> Hit {
        Hit::default()
    }

    pub fn variant(mut self, v: &'static str) -> Hit {
        self.variant = Some(v);
        self
    }

    pub fn var(mut self, k: &'static str, v: impl ToString) -> Hit {
        self.vars.push((k, v.to_string()));
        self
    }

    pub fn severity(mut self, s: Severity) -> Hit {
        self.severity = Some(s);
        self
    }
}
