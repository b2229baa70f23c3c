//! The client address of the request being handled, for the audit log and per-client limits.

tokio::task_local! {
    /// The client address of the request being handled. The router's outermost middleware
    /// sets it for every request, so each entry carries it whichever handler writes it (server
    /// function, media read, export download) without that handler having to remember.
    pub static CLIENT: Option<String>;
}

/// The client network of the current request, the key of per-client limits: an IPv4 address
/// as it is, an IPv6 address by its /64. One subscriber is usually given a whole /64, so
/// counting single IPv6 addresses would let one person act as billions of clients.
pub fn client_network() -> String {
    let address = CLIENT
        .try_with(Clone::clone)
        .ok()
        .flatten()
        .unwrap_or_else(|| "unknown".into());
    network_of(&address)
}

fn network_of(address: &str) -> String {
    match address.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        _ => address.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::network_of;

    #[test]
    fn ipv6_clients_count_by_their_64_and_ipv4_by_address() {
        assert_eq!(
            network_of("2001:db8:1:2:aaaa::1"),
            network_of("2001:db8:1:2:ffff:ffff:ffff:ffff")
        );
        assert_eq!(network_of("2001:db8:1:2::9"), "2001:db8:1:2::/64");
        assert_ne!(network_of("2001:db8:1:2::1"), network_of("2001:db8:1:3::1"));
        assert_eq!(network_of("203.0.113.9"), "203.0.113.9");
        assert_ne!(network_of("203.0.113.9"), network_of("203.0.113.10"));
        assert_eq!(network_of("::ffff:203.0.113.9"), "203.0.113.9");
        assert_eq!(network_of("unknown"), "unknown");
    }
}
