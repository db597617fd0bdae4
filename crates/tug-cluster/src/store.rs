//! Durable object storage: every object in memory for reads, lists and watches, and in a
//! redb file for durability. One global revision counter; each write is acknowledged only
//! after its transaction is committed with fsync (writes arriving together share one commit).

use crate::error::{ApiError, ClusterError};
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};
use serde_json::Value;
use std::collections::{BTreeMap, VecDeque};
use std::path::Path;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::{broadcast, oneshot};

const OBJECTS: TableDefinition<&str, &[u8]> = TableDefinition::new("objects");
const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
/// Events kept for resuming watches.
pub const HISTORY: usize = 10_000;

/// What happened to an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    Added,
    Modified,
    Deleted,
}

impl EventType {
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Added => "ADDED",
            EventType::Modified => "MODIFIED",
            EventType::Deleted => "DELETED",
        }
    }
}

/// One change, as watches see it.
#[derive(Debug, Clone)]
pub struct Event {
    pub rv: u64,
    pub etype: EventType,
    pub key: String,
    pub object: Arc<Value>,
    /// The object before a modification (selectors can stop or start matching).
    pub prev: Option<Arc<Value>>,
    /// The object serialized once for all watchers.
    pub json: std::sync::OnceLock<bytes::Bytes>,
}

impl Event {
    /// The object as JSON text, serialized on first use.
    pub fn object_json(&self) -> &bytes::Bytes {
        self.json.get_or_init(|| {
            bytes::Bytes::from(serde_json::to_vec(self.object.as_ref()).unwrap_or_default())
        })
    }
}

/// A change requested by a write.
#[derive(Debug, Clone)]
pub enum Mutation {
    Put(String, Value),
    Delete(String),
}

/// The in-memory view, read under the store lock.
#[derive(Debug, Default)]
pub struct State {
    pub rv: u64,
    pub objects: BTreeMap<String, Arc<Value>>,
    history: VecDeque<Arc<Event>>,
    /// Every event after this revision is in `history`.
    history_start: u64,
}

impl State {
    pub fn get(&self, key: &str) -> Option<&Arc<Value>> {
        self.objects.get(key)
    }
    /// Objects whose key starts with `prefix`, in key order.
    pub fn list(&self, prefix: &str) -> Vec<Arc<Value>> {
        self.objects
            .range(prefix.to_string()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(_, v)| v.clone())
            .collect()
    }
}

enum Op {
    Put(String, bytes::Bytes),
    Del(String),
}

struct Batch {
    ops: Vec<Op>,
    rv: u64,
    ack: oneshot::Sender<Result<(), String>>,
}

/// A live feed of events.
pub type Subscription = broadcast::Receiver<Arc<Event>>;

/// Waits for a write to be durable.
pub struct Ack(oneshot::Receiver<Result<(), String>>);

impl Ack {
    pub async fn wait(self) -> Result<(), ApiError> {
        match self.0.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(ApiError::internal(format!("storage write failed: {e}"))),
            Err(_) => Err(ApiError::internal("storage writer stopped")),
        }
    }
}

/// The store.
pub struct Store {
    state: Mutex<State>,
    tx: Mutex<Option<mpsc::Sender<Batch>>>,
    writer: Mutex<Option<std::thread::JoinHandle<()>>>,
    events: broadcast::Sender<Arc<Event>>,
}

/// The storage key of an object.
pub fn key(group: &str, plural: &str, ns: &str, name: &str) -> String {
    format!(
        "{}/{plural}/{ns}/{name}",
        if group.is_empty() { "core" } else { group }
    )
}

/// The key prefix of a list (all namespaces when `ns` is None).
pub fn prefix(group: &str, plural: &str, ns: Option<&str>) -> String {
    let g = if group.is_empty() { "core" } else { group };
    match ns {
        Some(ns) => format!("{g}/{plural}/{ns}/"),
        None => format!("{g}/{plural}/"),
    }
}

impl Store {
    /// Opens (or creates) the store in `dir/store.redb` and loads every object.
    pub fn open(dir: &Path) -> Result<Arc<Store>, ClusterError> {
        std::fs::create_dir_all(dir)?;
        // Reads come from memory; the page cache only needs to serve the writer.
        let db = Database::builder()
            .set_cache_size(16 << 20)
            .create(dir.join("store.redb"))?;
        let mut state = State::default();
        {
            let w = db.begin_write()?;
            w.open_table(OBJECTS)?;
            w.open_table(META)?;
            w.commit()?;
        }
        let r = db.begin_read()?;
        let t = r.open_table(OBJECTS)?;
        for item in t.iter()? {
            let (k, v) = item?;
            let obj: Value = serde_json::from_slice(v.value())
                .map_err(|e| ClusterError::Storage(format!("corrupt object {}: {e}", k.value())))?;
            state.objects.insert(k.value().to_string(), Arc::new(obj));
        }
        let m = r.open_table(META)?;
        state.rv = m.get("rv")?.map(|g| g.value()).unwrap_or(0);
        state.history_start = state.rv;
        drop((t, m, r));
        let (tx, rx) = mpsc::channel::<Batch>();
        let handle = std::thread::Builder::new()
            .name("tug-store-writer".into())
            .spawn(move || writer(db, rx))?;
        let (events, _) = broadcast::channel(4096);
        Ok(Arc::new(Store {
            state: Mutex::new(state),
            tx: Mutex::new(Some(tx)),
            writer: Mutex::new(Some(handle)),
            events,
        }))
    }

    /// Finishes pending writes and closes the database file.
    pub fn close(&self) {
        if let Ok(mut tx) = self.tx.lock() {
            tx.take();
        }
        let handle = self.writer.lock().ok().and_then(|mut h| h.take());
        if let Some(h) = handle {
            let _ = h.join();
        }
    }

    /// The state, locked for reading.
    pub fn read(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on the current state; applies the mutations it returns atomically, each with
    /// the next revision. Returns `f`'s value, the stored objects and the durability ack.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&State) -> Result<(Vec<Mutation>, T), ApiError>,
    ) -> Result<(T, Vec<Arc<Value>>, Ack), ApiError> {
        let mut st = self.read();
        let (muts, out) = f(&st)?;
        let mut ops = Vec::with_capacity(muts.len());
        let mut stored = Vec::with_capacity(muts.len());
        for m in muts {
            st.rv += 1;
            let rv = st.rv;
            let json = std::sync::OnceLock::new();
            let (etype, key, obj, before) = match m {
                Mutation::Put(key, mut obj) => {
                    crate::util::ensure_obj(&mut obj, &["metadata"])
                        .insert("resourceVersion".into(), Value::String(rv.to_string()));
                    let bytes = bytes::Bytes::from(
                        serde_json::to_vec(&obj).map_err(|e| ApiError::internal(e.to_string()))?,
                    );
                    let _ = json.set(bytes.clone());
                    ops.push(Op::Put(key.clone(), bytes));
                    let obj = Arc::new(obj);
                    let prev = st.objects.insert(key.clone(), obj.clone());
                    let etype = if prev.is_some() {
                        EventType::Modified
                    } else {
                        EventType::Added
                    };
                    (etype, key, obj, prev)
                }
                Mutation::Delete(key) => {
                    let Some(prev) = st.objects.remove(&key) else {
                        continue;
                    };
                    ops.push(Op::Del(key.clone()));
                    let mut obj = (*prev).clone();
                    crate::util::ensure_obj(&mut obj, &["metadata"])
                        .insert("resourceVersion".into(), Value::String(rv.to_string()));
                    (EventType::Deleted, key, Arc::new(obj), None)
                }
            };
            stored.push(obj.clone());
            let ev = Arc::new(Event {
                rv,
                etype,
                key,
                object: obj,
                prev: before,
                json,
            });
            st.history.push_back(ev.clone());
            if st.history.len() > HISTORY
                && let Some(old) = st.history.pop_front()
            {
                st.history_start = old.rv;
            }
            let _ = self.events.send(ev);
        }
        let (ack_tx, ack_rx) = oneshot::channel();
        if ops.is_empty() {
            let _ = ack_tx.send(Ok(()));
            return Ok((out, stored, Ack(ack_rx)));
        }
        let batch = Batch {
            ops,
            rv: st.rv,
            ack: ack_tx,
        };
        let sent = self
            .tx
            .lock()
            .map(|tx| tx.as_ref().is_some_and(|t| t.send(batch).is_ok()))
            .unwrap_or(false);
        if !sent {
            return Err(ApiError::internal("storage writer stopped"));
        }
        Ok((out, stored, Ack(ack_rx)))
    }

    /// Subscribes to changes after `rv`: the retained events after it, then a live receiver.
    /// `410 Expired` when `rv` is older than the retained history.
    pub fn watch_from(&self, rv: u64) -> Result<(Vec<Arc<Event>>, Subscription), ApiError> {
        let st = self.read();
        if rv < st.history_start {
            return Err(ApiError::gone(format!(
                "too old resource version: {rv} ({})",
                st.history_start + 1
            )));
        }
        let replay = st.history.iter().filter(|e| e.rv > rv).cloned().collect();
        Ok((replay, self.events.subscribe()))
    }

    /// The current objects under `prefix` and a live receiver, atomically.
    pub fn snapshot(
        &self,
        prefix: &str,
    ) -> (u64, Vec<Arc<Value>>, broadcast::Receiver<Arc<Event>>) {
        let st = self.read();
        (st.rv, st.list(prefix), self.events.subscribe())
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        self.close();
    }
}

fn writer(db: Database, rx: mpsc::Receiver<Batch>) {
    while let Ok(first) = rx.recv() {
        let mut batches = vec![first];
        while batches.len() < 512 {
            match rx.try_recv() {
                Ok(b) => batches.push(b),
                Err(_) => break,
            }
        }
        let res = commit(&db, &batches).map_err(|e| e.to_string());
        for b in batches {
            let _ = b.ack.send(res.clone());
        }
    }
}

fn commit(db: &Database, batches: &[Batch]) -> Result<(), ClusterError> {
    let w = db.begin_write()?;
    {
        let mut t = w.open_table(OBJECTS)?;
        let mut rv = 0;
        for b in batches {
            for op in &b.ops {
                match op {
                    Op::Put(k, v) => {
                        t.insert(k.as_str(), v.as_ref())?;
                    }
                    Op::Del(k) => {
                        t.remove(k.as_str())?;
                    }
                }
            }
            rv = rv.max(b.rv);
        }
        let mut m = w.open_table(META)?;
        m.insert("rv", rv)?;
    }
    w.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[tokio::test]
    async fn writes_survive_reopen_with_their_revisions() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let s = Store::open(dir.path()).expect("open");
            let k = key("", "configmaps", "default", "a");
            let (_, objs, ack) = s
                .write(|_| {
                    Ok((
                        vec![Mutation::Put(k.clone(), json!({"metadata": {"name": "a"}}))],
                        (),
                    ))
                })
                .expect("write");
            ack.wait().await.expect("durable");
            assert_eq!(objs[0]["metadata"]["resourceVersion"], "1");
            let (_, _, ack) = s
                .write(|_| Ok((vec![Mutation::Delete(k.clone())], ())))
                .expect("delete");
            ack.wait().await.expect("durable");
            let k2 = key("", "configmaps", "default", "b");
            let (_, _, ack) = s
                .write(|_| Ok((vec![Mutation::Put(k2, json!({}))], ())))
                .expect("write");
            ack.wait().await.expect("durable");
            s.close();
        }
        let s = Store::open(dir.path()).expect("reopen");
        let st = s.read();
        assert_eq!(st.rv, 3);
        assert_eq!(st.objects.len(), 1);
        assert_eq!(
            st.list("core/configmaps/default/")[0]["metadata"]["resourceVersion"],
            "3"
        );
    }

    #[tokio::test]
    async fn watch_resumes_or_expires() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = Store::open(dir.path()).expect("open");
        for i in 0..3 {
            let k = key("", "configmaps", "default", &format!("c{i}"));
            let (_, _, ack) = s
                .write(|_| Ok((vec![Mutation::Put(k, json!({}))], ())))
                .expect("write");
            ack.wait().await.expect("durable");
        }
        let (replay, _) = s.watch_from(1).expect("resume");
        assert_eq!(replay.iter().map(|e| e.rv).collect::<Vec<_>>(), vec![2, 3]);
        s.close();
        let s = Store::open(dir.path()).expect("reopen");
        assert_eq!(s.watch_from(1).err().map(|e| e.code), Some(410));
        assert!(s.watch_from(3).is_ok());
    }
}
