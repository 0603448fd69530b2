//! `stake serve`: the site on a local web server, rebuilt and reloaded on every save.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::register::Limits;
use crate::register::vocab::Date;
use crate::serve::{self, Settings};

/// The port `stake serve` listens on when `--port` is not given ("STAK" on a phone's
/// keypad), away from other site generators' (Zola 1111, Hugo 1313, mdBook 3000).
pub(super) const DEFAULT_PORT: u16 = 7825;

/// Arguments of `stake serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The register folder.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The port to listen on (0: any free port, printed).
    #[arg(long, short, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// The address to listen on. Only this machine can connect to the default; any other
    /// lets the network read the pages.
    #[arg(long, value_name = "ADDR", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub interface: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// The public edition (nothing confidential), as `stake build --public`.
    #[arg(long)]
    pub public: bool,
    /// Serve the internal edition on an `--interface` others can reach: only on a
    /// network no one outside the project team is on.
    #[arg(long, conflicts_with = "public")]
    pub publish_internal: bool,
    /// The date the analysis is made for (default: `as_of` in `_project.md`, else today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_date)]
    pub as_of: Option<Date>,
    /// Watch by looking at the files every half second, for folders whose changes the
    /// system does not report (network drives, some containers and virtual machines).
    #[arg(long)]
    pub poll: bool,
    /// Largest register file read, in bytes (1 to 1073741824, i.e. 1 GiB).
    #[arg(long, default_value_t = Limits::default().max_file_bytes, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..=Limits::MAX_FILE_BYTES))]
    pub max_file_size: u64,
}

/// Runs `stake serve` until Ctrl+C.
pub(super) fn run(args: ServeArgs, color: bool) -> Result<ExitCode, String> {
    if !args.interface.is_loopback() && !args.public && !args.publish_internal {
        return Err(format!(
            "not serving the internal edition on {}: others on the network could read its \
             contact details and confidential notes\n  = help: add `--public` for the \
             edition that may be shared, or `--publish-internal` when only the project team \
             is on this network",
            args.interface
        ));
    }
    serve::run(Settings {
        dir: args.dir,
        public: args.public,
        as_of: args.as_of,
        interface: args.interface,
        port: args.port,
        open: args.open,
        poll: args.poll,
        color,
        limits: Limits {
            max_file_bytes: args.max_file_size,
        },
    })?;
    Ok(ExitCode::SUCCESS)
}
