//! Records how the core was optimised, for `cleantext._core.OPTIMISED`: `"profile"` when rustc
//! was given a profile to use (`-Cprofile-use`, as `pgo/cleantext_build.py` does for `pip
//! install`), `"instrumented"` when it records one (`-Cprofile-generate`, `tools/pgo.py`), else
//! `"plain"`. Cargo hands build scripts the flags it passes rustc in `CARGO_ENCODED_RUSTFLAGS`.

fn main() {
    let flags = std::env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    let optimised = if flags.contains("profile-use") {
        "profile"
    } else if flags.contains("profile-generate") {
        "instrumented"
    } else {
        "plain"
    };
    println!("cargo::rustc-env=CLEANTEXT_OPTIMISED={optimised}");
    println!("cargo::rerun-if-env-changed=CARGO_ENCODED_RUSTFLAGS");
    // the profile's digest, which the build backend passes only to have cargo rebuild when it changes
    println!("cargo::rustc-check-cfg=cfg(cleantext_profile, values(any()))");
}
