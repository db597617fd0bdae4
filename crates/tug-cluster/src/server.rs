//! The HTTPS listener: TLS with the cluster CA (client certificates optional), bearer-token
//! or client-certificate authentication, HTTP/1.1 with chunked watch streams.

use crate::api::{self, Cluster, Reply, Request};
use crate::certs;
use crate::error::{ApiError, ClusterError};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited, StreamBody, combinators::UnsyncBoxBody};
use hyper::body::{Frame, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio_rustls::TlsAcceptor;

type Body = UnsyncBoxBody<Bytes, Infallible>;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub data_dir: PathBuf,
    /// 0 = any free port.
    pub port: u16,
    pub bind: IpAddr,
}

impl ServeOptions {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        ServeOptions {
            data_dir: data_dir.into(),
            port: 0,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        }
    }
}

/// A running server.
pub struct Running {
    pub addr: SocketAddr,
    pub kubeconfig: PathBuf,
    pub cluster: Arc<Cluster>,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Stops accepting, finishes pending writes and closes the store.
    pub async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        let _ = (&mut self.task).await;
        self.cluster.store.close();
    }
}

fn tls_config(pki: &certs::Pki) -> Result<rustls::ServerConfig, ClusterError> {
    let terr = |e: &dyn std::fmt::Display| ClusterError::Tls(e.to_string());
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(pki.server_cert.as_bytes())
            .collect::<Result<_, _>>()
            .map_err(|e| terr(&e))?;
    let key = PrivateKeyDer::from_pem_slice(pki.server_key.as_bytes()).map_err(|e| terr(&e))?;
    let mut roots = rustls::RootCertStore::empty();
    for ca in CertificateDer::pem_slice_iter(pki.ca_cert.as_bytes()) {
        roots.add(ca.map_err(|e| terr(&e))?).map_err(|e| terr(&e))?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .allow_unauthenticated()
    .build()
    .map_err(|e| terr(&e))?;
    let mut cfg = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| terr(&e))?
        .with_client_cert_verifier(verifier)
        .with_single_cert(chain, key)
        .map_err(|e| terr(&e))?;
    cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(cfg)
}

/// Opens the data dir, binds, writes `DIR/kubeconfig` and serves in the background.
pub async fn start(opts: &ServeOptions) -> Result<Running, ClusterError> {
    std::fs::create_dir_all(&opts.data_dir)?;
    let _ = std::fs::remove_file(opts.data_dir.join("kubeconfig"));
    let pki = certs::ensure(&opts.data_dir)?;
    let listener = TcpListener::bind(SocketAddr::new(opts.bind, opts.port)).await?;
    let addr = listener.local_addr()?;
    let cluster = Cluster::open(&opts.data_dir, addr.to_string())?;
    let acceptor = TlsAcceptor::from(Arc::new(tls_config(&pki)?));
    let token: Arc<str> = Arc::from(pki.token.as_str());
    let (stop_tx, mut stop_rx) = oneshot::channel::<()>();
    let c2 = cluster.clone();
    let task = tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = &mut stop_rx => return,
                acc = listener.accept() => {
                    let Ok((tcp, _)) = acc else { continue };
                    let _ = tcp.set_nodelay(true);
                    tokio::spawn(connection(acceptor.clone(), tcp, c2.clone(), token.clone()));
                }
            }
        }
    });
    let host = if opts.bind.is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        addr.ip().to_string()
    };
    let url = format!(
        "https://{}:{}",
        if host.contains(':') {
            format!("[{host}]")
        } else {
            host
        },
        addr.port()
    );
    let kubeconfig =
        certs::write_kubeconfig(&opts.data_dir, &certs::kubeconfig(&pki, &url, "tug"))?;
    Ok(Running {
        addr,
        kubeconfig,
        cluster,
        stop: Some(stop_tx),
        task,
    })
}

async fn connection(
    acceptor: TlsAcceptor,
    tcp: tokio::net::TcpStream,
    cluster: Arc<Cluster>,
    token: Arc<str>,
) {
    let Ok(tls) = acceptor.accept(tcp).await else {
        return;
    };
    let cert_ok = tls
        .get_ref()
        .1
        .peer_certificates()
        .is_some_and(|c| !c.is_empty());
    let svc = service_fn(move |req| {
        let (cluster, token) = (cluster.clone(), token.clone());
        async move { Ok::<_, Infallible>(respond(cluster, token, cert_ok, req).await) }
    });
    let _ = hyper::server::conn::http1::Builder::new()
        .serve_connection(TokioIo::new(tls), svc)
        .await;
}

fn header(req: &hyper::Request<Incoming>, name: &str) -> String {
    req.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

fn json_response(code: u16, v: &serde_json::Value, ct: &str) -> hyper::Response<Body> {
    let body = Full::new(Bytes::from(v.to_string())).boxed_unsync();
    hyper::Response::builder()
        .status(code)
        .header("Content-Type", ct)
        .header("Cache-Control", "no-cache, private")
        .body(body)
        .unwrap_or_else(|_| hyper::Response::new(Full::new(Bytes::new()).boxed_unsync()))
}

async fn respond(
    cluster: Arc<Cluster>,
    token: Arc<str>,
    cert_ok: bool,
    req: hyper::Request<Incoming>,
) -> hyper::Response<Body> {
    let bearer = header(&req, "authorization");
    let token_ok = bearer
        .strip_prefix("Bearer ")
        .is_some_and(|t| t.trim() == &*token);
    if !cert_ok && !token_ok {
        let e = ApiError::new(401, "Unauthorized", "Unauthorized");
        return json_response(401, &e.status(), "application/json");
    }
    let request_base = Request {
        method: req.method().as_str().to_string(),
        path: req.uri().path().to_string(),
        query: api::parse_query(req.uri().query().unwrap_or("")),
        content_type: header(&req, "content-type"),
        accept: header(&req, "accept"),
        user_agent: header(&req, "user-agent"),
        body: Bytes::new(),
    };
    let body = match Limited::new(req.into_body(), api::MAX_BODY).collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => {
            let e = ApiError::new(
                413,
                "RequestEntityTooLarge",
                format!("Request entity too large: limit is {}", api::MAX_BODY),
            );
            return json_response(413, &e.status(), "application/json");
        }
    };
    let table = crate::table::wants_table(&request_base.accept);
    let request = Request {
        body,
        ..request_base
    };
    match api::handle(&cluster, request).await {
        Reply::Json(code, v, ct) => json_response(code, &v, ct),
        Reply::Raw(code, b, ct) => hyper::Response::builder()
            .status(code)
            .header("Content-Type", ct)
            .header("Cache-Control", "no-cache, private")
            .body(Full::new(b).boxed_unsync())
            .unwrap_or_else(|_| hyper::Response::new(Full::new(Bytes::new()).boxed_unsync())),
        Reply::Text(code, t) => hyper::Response::builder()
            .status(code)
            .header("Content-Type", "text/plain")
            .body(Full::new(Bytes::from(t)).boxed_unsync())
            .unwrap_or_else(|_| hyper::Response::new(Full::new(Bytes::new()).boxed_unsync())),
        Reply::Stream(rx) => {
            let stream = futures_util::stream::unfold(rx, |mut rx| async move {
                rx.recv()
                    .await
                    .map(|b| (Ok::<_, Infallible>(Frame::data(b)), rx))
            });
            let ct = if table {
                "application/json;as=Table;v=v1;g=meta.k8s.io"
            } else {
                "application/json"
            };
            hyper::Response::builder()
                .status(200)
                .header("Content-Type", ct)
                .header("Cache-Control", "no-cache, private")
                .body(StreamBody::new(stream).boxed_unsync())
                .unwrap_or_else(|_| hyper::Response::new(Full::new(Bytes::new()).boxed_unsync()))
        }
    }
}

/// Runs the server in the foreground until SIGTERM or Ctrl-C.
pub fn serve(opts: &ServeOptions) -> Result<(), ClusterError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let running = start(opts).await?;
        eprintln!(
            "tug cluster serving on https://{} (kubeconfig: {})",
            running.addr,
            running.kubeconfig.display()
        );
        wait_for_signal().await;
        running.stop().await;
        Ok(())
    })
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
