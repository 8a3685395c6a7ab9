//! Canonical article addresses: proxy and redirect wrappers unwrapped, tracking parameters dropped.

/// Returns the canonical form of a scraped URL: a proxy prefix such as
/// `https://proxy.example:443/https/p.dw.com/p/4sf7z` or a `?url=` redirect is unwrapped to the real
/// address, default ports and tracking parameters (`utm_*`, `fbclid`, `gclid`) removed.
pub fn canonical_url(raw: &str) -> String {
    let mut url = raw.trim().trim_end_matches(['.', ',', ';', ')']).to_owned();
    for _ in 0..4 {
        match unwrap_once(&url) {
            Some(inner) if inner != url => url = inner,
            _ => break,
        }
    }
    strip_noise(&url)
}

fn unwrap_once(url: &str) -> Option<String> {
    let after_scheme = url.find("://")? + 3;
    let path_start = after_scheme + url[after_scheme..].find('/')?;
    let path = &url[path_start..];
    // A proxy that puts the target's scheme in the path: /https/host/… or /https://host/…
    for scheme in ["https", "http"] {
        for sep in ["://", ":/", "/"] {
            let marker = format!("/{scheme}{sep}");
            if let Some(rest) = path.strip_prefix(marker.as_str()) {
                if rest
                    .split('/')
                    .next()
                    .is_some_and(|host| host.contains('.'))
                {
                    return Some(format!("{scheme}://{rest}"));
                }
            }
        }
    }
    // A redirect that carries the target as a query parameter: ?url=https%3A%2F%2F…
    let query = url.split_once('?')?.1;
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        let v = percent_decode(v);
        (matches!(k, "url" | "u" | "q" | "target" | "dest")
            && (v.starts_with("http://") || v.starts_with("https://")))
        .then_some(v)
    })
}

fn strip_noise(url: &str) -> String {
    let (base, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let (base, query) = match base.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (base, None),
    };
    let mut out = match base.split_once("://") {
        Some((scheme, rest)) => {
            let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
            let mut host = host.to_ascii_lowercase();
            let default_port = if scheme.eq_ignore_ascii_case("https") {
                ":443"
            } else {
                ":80"
            };
            if let Some(h) = host.strip_suffix(default_port) {
                host = h.to_owned();
            }
            let slash = if path.is_empty() && !rest.contains('/') {
                ""
            } else {
                "/"
            };
            format!("{}://{host}{slash}{path}", scheme.to_ascii_lowercase())
        }
        None => base.to_owned(),
    };
    if let Some(q) = query {
        let kept: Vec<&str> = q
            .split('&')
            .filter(|kv| {
                let k = kv.split('=').next().unwrap_or("");
                !(k.starts_with("utm_")
                    || matches!(
                        k,
                        "fbclid" | "gclid" | "mc_cid" | "mc_eid" | "at_medium" | "at_campaign"
                    ))
            })
            .collect();
        if !kept.is_empty() {
            out.push('?');
            out.push_str(&kept.join("&"));
        }
    }
    if let Some(f) = fragment.filter(|f| !f.is_empty()) {
        out.push('#');
        out.push_str(f);
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                // Two hex digits make one byte: h and l are both < 16.
                out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_prefix_is_unwrapped() {
        assert_eq!(
            canonical_url("https://jump.nonsense.moe:443/https/p.dw.com/p/4sf7z"),
            "https://p.dw.com/p/4sf7z"
        );
        assert_eq!(
            canonical_url("http://proxy.example/https://www.rfi.fr/fr/afrique/x"),
            "https://www.rfi.fr/fr/afrique/x"
        );
    }

    #[test]
    fn redirect_parameter_is_unwrapped() {
        assert_eq!(
            canonical_url(
                "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.jeuneafrique.com%2F1%2Fa%3Fx%3D1&h=AT0"
            ),
            "https://www.jeuneafrique.com/1/a?x=1"
        );
    }

    #[test]
    fn tracking_parameters_and_default_ports_go() {
        assert_eq!(
            canonical_url("https://WWW.Example.com:443/a?utm_source=x&id=3#top"),
            "https://www.example.com/a?id=3#top"
        );
    }

    #[test]
    fn plain_urls_are_untouched() {
        assert_eq!(
            canonical_url("https://abamako.com/news/n/123.html"),
            "https://abamako.com/news/n/123.html"
        );
    }
}
