//! One component per file.
