//! The locks lab's strings, English and Simplified Chinese, and the lock vocabulary of its view model.

use super::Lang;
use crate::lab::locks::scenarios::Named;
use crate::lock::checker::LockViolation;

table! {
    Title => "Distributed locks: build one, watch each missing step fail", "分布式锁：动手搭建，看缺少的每一步如何出错";
    Subtitle => "Clients buy from a stock of items inside a critical section guarded by a Redis, Redlock, ZooKeeper or etcd lock",
                "客户端在由 Redis、Redlock、ZooKeeper 或 etcd 锁保护的临界区内购买库存商品";
    Start => "Press Play (or Space) to watch the clients take turns on the lock, or pick a scenario above: it plays at once.", "按“播放”（或空格键）观察客户端轮流持有锁，或在上方选择一个场景：它会立即开始播放。";
    Scaled => "Scaled for the lesson: leases of 100 ms to 10 s instead of Redisson's 30 s, a 1 s ZooKeeper session instead of 40 s, a 200 ms replication delay, etcd sessions of 2 to 3 s instead of 60 s in the lease and failover lessons; otherwise the real defaults (watchdog at a third of the lease, Redlock drift 1 % of the TTL + 2 ms, etcd's Raft heartbeat 100 ms and election timeout 1 s, keepalives at a third of the TTL).",
              "为教学而缩放：租约为 100 毫秒到 10 秒，而不是 Redisson 的 30 秒；ZooKeeper 会话为 1 秒，而不是 40 秒；复制延迟 200 毫秒；租约与故障切换课中 etcd 会话为 2 到 3 秒，而不是 60 秒；其余为真实默认值（看门狗在租约的三分之一处续期，Redlock 漂移为 TTL 的 1% 加 2 毫秒，etcd 的 Raft 心跳 100 毫秒、选举超时 1 秒，续约间隔为 TTL 的三分之一）。";
    Scenario => "Scenario", "场景";
    Custom => "Custom (the switches below)", "自定义（下方开关）";
    Default => "Default: the complete recipe", "默认：完整的做法";
    Servers => "Lock servers", "锁服务器";
    NoKeys => "no keys", "没有键";
    NoExpiry => "no expiry", "永不过期";
    EmptyQueue => "no znodes under /locks", "/locks 下没有节点";
    HoldsLock => "holds the lock", "持有锁";
    WatchesNode => "watches {node}", "监视 {node}";
    Clock => "clock {skew}", "时钟 {skew}";
    ClockBack => "−100 ms", "−100 毫秒";
    ClockForward => "+100 ms", "+100 毫秒";
    ClockOffsetTitle => "Set this server's clock offset 100 ms back or ahead", "把该服务器的时钟偏移调慢或调快 100 毫秒";
    Drift => "drift +10 %", "漂移 +10%";
    DriftTitle => "Make this server's clock run 10 % fast (lease keys expire early)", "让该服务器的时钟快 10%（租约键提前过期）";
    Jump => "jump +20 s", "跳变 +20 秒";
    JumpTitle => "Jump this server's clock 20 s ahead (every lease on it expires at once)", "让该服务器的时钟向前跳 20 秒（其上所有租约立即过期）";
    Promote => "Promote", "提升为主";
    PromoteTitle => "Make this replica the master, as Sentinel would after the master fails", "像 Sentinel 在主节点故障后那样，把该副本提升为主节点";
    Clients => "Clients", "客户端";
    TabSections => "Who held the lock when", "谁在何时持有锁";
    TabRecipe => "Recipe and switches", "加锁方案与开关";
    Fence => "token", "令牌";
    Bought => "bought", "已购";
    Resource => "The stock (storage service)", "库存（存储服务）";
    Segment => "segment", "分段";
    Sales => "Sales", "销售次数";
    Oversold => "Oversold items", "超卖件数";
    Rejected => "Rejected stale writes", "被拒绝的过期写入";
    Counters => "Counters", "计数器";
    Acquisitions => "Acquisitions", "获得锁次数";
    PerAcquisition => "Messages per acquisition", "每次获得锁的消息数";
    Wasted => "Wasted requests", "无效请求";
    Notifications => "Notifications", "通知数";
    PerRelease => "Notifications per release", "每次释放的通知数";
    Failed => "Failed purchases", "失败的购买";
    Sections => "Who was in the critical section", "谁在临界区内";
    SectionsHint => "One lane per client; a bar while it believes it holds the lock; overlapping bars are red and hatched.",
                    "每个客户端一条泳道；它认为自己持有锁时画一段条；重叠的条为红色斜纹。";
    NoSections => "Nobody has held the lock yet.", "还没有人持有过锁。";
    Recipe => "Recipe: build your own lock", "做法：搭建你自己的锁";
    RecipeHint => "Changing a switch starts a fresh run with it.", "改变任何开关都会以新配置重新开始运行。";
    Service => "Lock service", "锁服务";
    ServiceRedis => "Redis", "Redis";
    ServiceRedlock => "Redlock (5 Redis instances)", "Redlock（5 个 Redis 实例）";
    ServiceReplica => "Redis master + replica", "Redis 主节点 + 副本";
    ServiceZk => "ZooKeeper", "ZooKeeper";
    ServiceEtcd => "etcd (3 members, Raft)", "etcd（3 个成员，Raft）";
    EmptyEtcdQueue => "no keys under /lock/stock/", "/lock/stock/ 下没有键";
    RaftState => "{role}, term {term}, revision {revision}", "{role}，任期 {term}，修订号 {revision}";
    LeaseOf => "lease {id} · {client}", "租约 {id} · {client}";
    HerdEtcd => "Everyone watches the holder's key (herd)", "所有人监视持有者的键（羊群效应）";
    HerdEtcdWhy => "Off, each waiter watches only the key created just before its own: a release wakes exactly one client instead of all of them.",
                   "关闭时每个等待者只监视恰好在自己之前创建的键：一次释放只唤醒一个客户端，而不是全部。";
    Session => "Session lease (TTL)", "会话租约（TTL）";
    SessionWhy => "The lease the lock key lives on, kept alive every third of it: a holder paused longer loses its key and the next waiter enters.",
                  "锁键所依附的租约，每隔三分之一 TTL 续约一次：暂停更久的持有者会失去它的键，下一个等待者随即进入。";
    LegendStorage => "storage service (the stock)", "存储服务（库存）";
    LegendServer => "Redis or ZooKeeper server", "Redis 或 ZooKeeper 服务器";
    LegendEtcdLeader => "etcd leader (square)", "etcd 领导者（方形）";
    LegendEtcdFollower => "etcd follower (disc; a hexagon while campaigning)", "etcd 跟随者（圆形；竞选时为六边形）";
    LegendClient => "client", "客户端";
    LegendPaused => "paused node (dashed)", "已暂停的节点（虚线）";
    LegendFlagged => "named by a broken invariant", "被违反的不变量点名";
    LegendWatch => "in a queue: watches this key or znode", "队列中：监视这个键或节点";
    LegendTtl => "lease time left, draining", "租约剩余时间，逐渐减少";
    LegendOverlap => "two holders at once (timeline, red and hatched)", "同时有两个持有者（时间线上为红色斜纹）";
    InvCreationOrder => "Grants In Creation Order", "按创建顺序授予";
    GrantOutOfOrder => "client {client} was granted segment {segment}'s lock by a key created at {created}, after client {before}'s created at {last}",
                       "客户端 {client} 凭创建于 {created} 的键获得了分段 {segment} 的锁，却晚于客户端 {before} 创建于 {last} 的键";
    WordEtcd => "etcd", "etcd";
    WordPhase => "phase", "阶段";
    WordToken => "token", "令牌";
    WordRead => "stock read", "读到的库存";
    WordBought => "bought", "已购";
    WordAcquisitions => "acquisitions", "获得锁次数";
    WordWasted => "wasted requests", "无效请求";
    WordSent => "messages sent", "已发消息";
    WordNotified => "notifications", "收到的通知";
    WordFailed => "failed purchases", "失败的购买";
    WordValidity => "validity", "有效期";
    WordSession => "session", "会话";
    WordZnode => "znode", "节点";
    WordLease => "lease", "租约";
    WordTtlLeft => "TTL left", "剩余 TTL";
    WordKey => "key", "键";
    WordRevision => "revision", "修订号";
    WordWaitsOn => "waits on", "等待";
    WordWatchMember => "watch on member", "监视所在成员";
    WordStep => "request", "请求";
    WordAcquiring => "acquiring", "正在加锁";
    WordSettingExpiry => "setting the expiry", "正在设置过期时间";
    WordAwaitingToken => "awaiting its fencing token", "等待防护令牌";
    WordReading => "reading the stock", "读取库存";
    WordThinking => "thinking", "处理中";
    WordWriting => "writing the stock", "写入库存";
    WordWatchingRelease => "waiting for a release message", "等待释放通知";
    WordNoPersistence => "none (nothing survives a restart)", "无（重启后全部丢失）";
    WordAofAlways => "AOF appendfsync always", "AOF appendfsync always（每次写入都落盘）";
    TimerRetry => "retry", "重试";
    TimerThink => "think", "处理";
    TimerWatchdog => "watchdog", "看门狗";
    TimerInstanceTimeout => "instance timeout", "单实例超时";
    TimerRequestTimeout => "request timeout", "请求超时";
    TimerFlush => "replication flush", "复制刷新";
    TimerPing => "ping", "心跳 ping";
    TimerSessionTick => "session tick", "会话计时";
    TimerLeaseCheck => "lease check", "租约检查";
    TimerKeepAlive => "keepalive", "续约 keepalive";
    TimerStorageTimeout => "storage timeout", "存储超时";
    WordInitial => "initial stock", "初始库存";
    WordSales => "sales", "销售次数";
    WordRejected => "rejected", "被拒绝";
    WordFencing => "fencing", "防护令牌";
    WordPersistence => "persistence", "持久化";
    WordUnreplicated => "unreplicated writes", "未复制的写入";
    WordSubscribers => "subscribers", "订阅者";
    WordNotifications => "notifications sent", "已发通知";
    WordWatcher => "watcher", "监视者";
    ServiceWhy => "One Redis is a single point of failure; a replica can lose a lock on failover; Redlock asks a majority of independent instances; ZooKeeper keeps an ordered queue of ephemeral znodes.",
                  "单个 Redis 是单点故障；副本在故障切换时可能丢失锁；Redlock 需要多数独立实例同意；ZooKeeper 维护由临时节点组成的有序队列。";
    Atomic => "Atomic SET NX PX", "原子的 SET NX PX";
    AtomicWhy => "Takes the lock and its expiry in one command: with SETNX then PEXPIRE, a crash in between locks forever.",
                 "一条命令同时加锁并设置过期时间：若先 SETNX 再 PEXPIRE，两步之间崩溃会导致永久锁死。";
    CompareDelete => "Release by compare-and-delete", "比较后删除来释放";
    CompareDeleteWhy => "Deletes the key only if it still holds your token: a plain DEL after your lease ended deletes the next holder's lock.",
                        "只有键里仍是你的令牌时才删除：租约过期后再用普通 DEL 会删掉下一个持有者的锁。";
    Watchdog => "Watchdog", "看门狗";
    WatchdogWhy => "Renews the lease every third of it while you hold the lock, so a long critical section keeps it; it cannot help a paused process.",
                   "持有锁期间每隔租约的三分之一续期一次，长临界区也不会丢锁；但对暂停的进程无能为力。";
    Fencing => "Fencing tokens", "防护令牌（fencing token）";
    FencingWhy => "A number that grows with every grant, checked by the storage: a holder whose lease ran out cannot write after a newer one.",
                  "每次授予锁时递增的数字，由存储服务检查：租约已过期的持有者无法在更新的持有者之后写入。";
    WatchRelease => "Wait for the release", "等待释放通知";
    WatchReleaseWhy => "Waiters are told when the lock is released instead of retrying on a timer: fewer wasted requests.",
                       "等待者在锁释放时收到通知，而不是定时重试：无效请求更少。";
    Herd => "Everyone watches /locks (herd)", "所有人监视 /locks（羊群效应）";
    HerdWhy => "Off, each waiter watches only its predecessor: a release wakes exactly one client instead of all of them.",
               "关闭时每个等待者只监视它的前一个节点：一次释放只唤醒一个客户端，而不是全部。";
    Aof => "AOF appendfsync always", "AOF appendfsync always";
    AofWhy => "Redis writes every command to disk before replying: a restarted instance still knows the locks it granted.",
              "Redis 在回复前把每条命令写入磁盘：重启后的实例仍记得它授予过的锁。";
    Segments => "Stock segments", "库存分段数";
    SegmentsWhy => "Each segment has its own lock, so clients of different segments do not queue behind each other; a purchase may fail although the total would cover it.",
                   "每个分段有自己的锁，不同分段的客户端无需互相排队；但可能出现总量足够却购买失败的情况。";
    Lease => "Lease (TTL)", "租约（TTL）";
    LeaseWhy => "How long the lock lasts without renewal: shorter than the critical section, two clients hold it at once.",
                "不续期时锁的有效时长：比临界区短时，会有两个客户端同时持有锁。";
    Think => "Critical section", "临界区时长";
    ThinkWhy => "How long a client thinks between reading and writing the stock.", "客户端在读取和写入库存之间思考的时长。";
    Retry => "Poll every", "轮询间隔";
    RetryWhy => "How often a polling waiter retries SET NX: shorter waits less but wastes more requests.",
                "轮询的等待者多久重试一次 SET NX：间隔越短等待越少，但无效请求越多。";
    Rest => "Rest between purchases", "两次购买之间的休息";
    RestWhy => "How long a client waits before buying again; with no rest the same client tends to win the lock again.",
               "客户端再次购买前等待多久；不休息时往往是同一个客户端再次抢到锁。";
    InstanceTimeout => "Per-instance timeout", "单实例超时";
    InstanceTimeoutWhy => "How long Redlock waits for one instance before moving on: short, so a dead instance does not eat the lease.",
                          "Redlock 在转向下一个实例前等待单个实例多久：要短，免得宕机的实例耗尽租约。";
    InvMutex => "Mutual Exclusion", "互斥";
    InvOversell => "No Oversell", "不超卖";
    InvFencing => "Fencing Tokens Increase", "防护令牌递增";
    TwoHolders => "clients {clients} are in the critical section of segment {segment} at the same time", "客户端 {clients} 同时处于分段 {segment} 的临界区内";
    OversoldText => "{sales} sales but the stock only went from {initial} to {stock}: an item was sold twice", "共 {sales} 次销售，但库存只从 {initial} 降到 {stock}：有商品被卖了两次";
    FenceOutOfOrder => "segment {segment} accepted token {token} after token {after}", "分段 {segment} 在令牌 {after} 之后接受了令牌 {token}";
    WordStorage => "storage", "存储";
    WordRedis => "redis", "Redis";
    WordReplica => "replica", "副本";
    WordZookeeper => "zookeeper", "ZooKeeper";
    WordClient => "client", "客户端";
    WordWaiting => "waiting", "等待中";
    WordHolding => "holding", "持有锁";
    WordCritical => "in critical section", "在临界区内";
    WordReleasing => "releasing", "释放中";
    WordIdle => "idle", "空闲";
    WordDone => "done", "已完成";
    WordPaused => "paused", "已暂停";
    WordDown => "down", "宕机";
    WordStock => "stock", "库存";
    WordFence => "token", "令牌";
    WordSegment => "segment", "分段";
    WordHolder => "lock", "锁";
    WordQueue => "queue", "队列";
    WordAcquired => "acquired", "获得锁";
    WordReleased => "released", "释放锁";
    WordFenced => "fenced", "被令牌拒绝";
    NLeaseTooShort => "Lease shorter than the critical section", "租约短于临界区";
    DLeaseTooShort => "A 300 ms lease, a 1 s critical section, no fencing: the lease runs out, a second client enters, an item is sold twice.",
                      "租约 300 毫秒，临界区 1 秒，没有防护令牌：租约过期后第二个客户端进入，商品被卖两次。";
    NLeaseTooShortFenced => "Lease shorter than the critical section, with fencing", "租约短于临界区（有防护令牌）";
    DLeaseTooShortFenced => "The same overlap, but the storage refuses the late write's older token: nothing is oversold.",
                            "同样的重叠，但存储服务拒绝了迟到写入的旧令牌：没有超卖。";
    NPlainDel => "Plain DEL releases someone else's lock", "普通 DEL 释放了别人的锁";
    DPlainDel => "A 100 ms lease, 150 ms of thinking: A's lease ends, B takes the lock, A's DEL removes B's lock, C enters beside B.",
                 "租约 100 毫秒，思考 150 毫秒：A 的租约过期，B 拿到锁，A 的 DEL 删掉了 B 的锁，C 与 B 同时进入。";
    NSetNxCrash => "SETNX, then a crash before PEXPIRE", "SETNX 后、PEXPIRE 前崩溃";
    DSetNxCrash => "The PEXPIRE is lost and the client dies: the key has no expiry and nobody ever gets the lock again.",
                   "PEXPIRE 丢失且客户端崩溃：键没有过期时间，再也没有人能拿到锁。";
    NWatchdogSaves => "The watchdog saves a long critical section", "看门狗保住了长临界区";
    DWatchdogSaves => "The same 300 ms lease and 1 s critical section, renewed every 100 ms: one holder at a time.",
                      "同样是 300 毫秒租约和 1 秒临界区，每 100 毫秒续期：始终只有一个持有者。";
    NGcPause => "GC pause longer than the lease", "GC 暂停长于租约";
    DGcPause => "The holder freezes for 1.5 s: its watchdog cannot renew, the lease ends, another client enters; fencing refuses the late write.",
                "持有者冻结 1.5 秒：看门狗无法续期，租约过期，另一个客户端进入；防护令牌拒绝了迟到的写入。";
    NPolling => "Polling", "轮询";
    DPolling => "Five clients retry SET NX every 20 ms: compare wasted requests and messages per acquisition with watching.",
                "五个客户端每 20 毫秒重试 SET NX：与等待通知比较无效请求数和每次获得锁的消息数。";
    NWatching => "Watching", "等待通知";
    DWatching => "Five clients wait for the release message before retrying.", "五个客户端在重试前等待释放消息。";
    NOneLock => "One lock for the whole stock", "整个库存一把锁";
    DOneLock => "Eight clients queue behind one lock: compare the sales rate with four segments.", "八个客户端排队等一把锁：与四个分段比较销售速度。";
    NSegmented => "Four segments, four locks", "四个分段、四把锁";
    DSegmented => "The stock split into four segments, each with its own lock: four clients work at once.", "库存分成四段，每段一把锁：四个客户端同时工作。";
    NFragmentation => "Fragmentation", "碎片化";
    DFragmentation => "10 items in segments of 3, 3, 2, 2 and purchases of 3: a purchase fails with 4 items left.",
                      "10 件商品分成 3、3、2、2 四段，每次购买 3 件：还剩 4 件时购买却失败了。";
    NMasterFailover => "Master dies before replicating the lock", "主节点在复制锁之前宕机";
    DMasterFailover => "The master crashes right after granting the lock; the replica, promoted, never saw it and grants it again.",
                       "主节点授予锁后立即崩溃；被提升的副本从未见过这把锁，于是再次授予。";
    NRedlockRestart => "Redlock: an instance restarts without persistence", "Redlock：实例无持久化重启";
    DRedlockRestart => "Client 6 reaches instances 1–3, client 7 instances 3–5; instance 3 forgets 6's lock on restart and 7 gets a majority.",
                       "客户端 6 只能连到实例 1–3，客户端 7 只能连到 3–5；实例 3 重启后忘了 6 的锁，7 拿到了多数。";
    NRedlockAof => "Redlock: restart with AOF always", "Redlock：AOF always 下重启";
    DRedlockAof => "The same restart, but instance 3 reads its lock back from disk: safe.", "同样的重启，但实例 3 从磁盘读回了锁：安全。";
    NRedlockDelayed => "Redlock: restart delayed past the TTL", "Redlock：延迟到 TTL 之后重启";
    DRedlockDelayed => "Instance 3 stays down 11 s, longer than the 10 s lease: the holder is done before it returns. Safe.",
                       "实例 3 宕机 11 秒，长于 10 秒租约：它回来前持有者已经完成。安全。";
    NRedlockClockJump => "Redlock: a clock jump on one instance", "Redlock：某个实例的时钟跳变";
    DRedlockClockJump => "Instance 3's clock jumps 20 s ahead: the lock expires there early and client 7 gets a majority.",
                         "实例 3 的时钟向前跳 20 秒：锁在那里提前过期，客户端 7 拿到了多数。";
    NRedlockPause => "Redlock: a pause after acquisition", "Redlock：获得锁后暂停";
    DRedlockPause => "The holder freezes 2 s with a 500 ms lease: the other client takes the lock; Redlock has no fencing token to refuse the late write.",
                     "持有者在 500 毫秒租约下冻结 2 秒：另一个客户端拿到锁；Redlock 没有防护令牌来拒绝迟到的写入。";
    NZkPredecessor => "ZooKeeper: watch the predecessor", "ZooKeeper：监视前一个节点";
    DZkPredecessor => "Six clients queue as sequential znodes; each release wakes exactly one waiter.", "六个客户端以顺序节点排队；每次释放只唤醒一个等待者。";
    NZkHerd => "ZooKeeper: the herd", "ZooKeeper：羊群效应";
    DZkHerd => "Every waiter watches /locks: each release wakes them all (count the notifications per release).",
               "每个等待者都监视 /locks：每次释放都唤醒所有人（看每次释放的通知数）。";
    NZkSessionExpiry => "ZooKeeper: a crashed holder's session expires", "ZooKeeper：崩溃持有者的会话过期";
    DZkSessionExpiry => "The holder crashes; after the 1 s session timeout its ephemeral znode goes and the next waiter gets the lock.",
                        "持有者崩溃；1 秒会话超时后它的临时节点被删除，下一个等待者拿到锁。";
    NZkPause => "ZooKeeper: a pause longer than the session", "ZooKeeper：暂停长于会话超时";
    DZkPause => "The holder freezes 3 s: its session expires, the next client gets the lock, and the paused one wakes still believing it holds it.",
                "持有者冻结 3 秒：会话过期，下一个客户端拿到锁，而暂停的客户端醒来后仍以为自己持有锁。";
    NEtcdQueue => "etcd: the queue by create revision", "etcd：按创建修订号排队";
    DEtcdQueue => "Five clients each put a key on their session lease; the lowest create revision holds, each waiter watches the key created just before its own: one waiter wakes per release.",
                  "五个客户端各自在会话租约上写入一个键；创建修订号最小者持有锁，每个等待者只监视恰好在它之前创建的键：每次释放只唤醒一个等待者。";
    NEtcdHerd => "etcd: the herd", "etcd：羊群效应";
    DEtcdHerd => "The naive client: every waiter watches the holder's key and retries on its deletion; each release wakes them all (count the notifications per release).",
                 "朴素的客户端：每个等待者都监视持有者的键，并在它被删除时重试；每次释放都唤醒所有人（看每次释放的通知数）。";
    NEtcdLeasePause => "etcd: the holder's lease expires during a pause", "etcd：持有者暂停期间租约过期";
    DEtcdLeasePause => "The holder freezes 4 s with a 2 s session: the leader revokes its lease, its key goes, the next waiter enters while the paused one still believes it holds. Without fencing an item is sold twice.",
                       "持有者在 2 秒会话下冻结 4 秒：领导者撤销它的租约，键被删除，下一个等待者进入，而暂停者仍以为自己持有锁。没有防护令牌时商品被卖两次。";
    NEtcdLeasePauseFenced => "etcd: the same pause, fenced by create revision", "etcd：同样的暂停，用创建修订号防护";
    DEtcdLeasePauseFenced => "The key's create revision is the fencing token: the paused holder's late write carries a lower one and the storage refuses it.",
                             "键的创建修订号就是防护令牌：暂停者迟到的写入携带的修订号更小，被存储服务拒绝。";
    WLeaseTooShort => "Watch the critical-section timeline: the holder's 300 ms lease ends while it still thinks, a second client enters beside it, and both write the stock. Mutual exclusion breaks, then an item is oversold.", "观察临界区时间线：持有者还在处理，它 300 毫秒的租约就到期了，第二个客户端随之进入，两者都写库存。互斥被破坏，随后超卖一件。";
    WLeaseTooShortFenced => "Watch the critical-section timeline and the stock: the lease ends, a second client enters (mutual exclusion breaks), but the storage refuses the first holder's late write, whose token is older.", "观察临界区时间线和库存：租约到期，第二个客户端进入（互斥被破坏），但存储拒绝了第一个持有者迟到的写入，因为它的令牌更旧。";
    WPlainDel => "Watch the servers panel: A's lease has ended and B holds the lock; A's plain DEL removes B's key, and C enters beside B.", "观察服务器面板：A 的租约已经到期，B 持有锁；A 不加判断的 DEL 删掉了 B 的键，C 与 B 同时进入。";
    WGcPause => "Watch the paused holder (greyed): its watchdog cannot renew, the lease ends and another client enters; when the holder wakes, fencing refuses its write.", "观察被暂停的持有者（灰色）：看门狗无法续期，租约到期，另一个客户端进入；持有者醒来后，防护令牌拒绝了它的写入。";
    WMasterFailover => "Watch the master: it crashes right after granting the lock, the replica that never saw the key is promoted, and grants the lock to the other client.", "观察主节点：它刚授予锁就崩溃了，从未见过这个键的副本被提升为主节点，又把锁授予了另一个客户端。";
    WRedlockRestart => "Watch instance 3: it restarts without persistence and forgets client 6's key, so client 7 wins instances 3 to 5, a second majority.", "观察实例 3：它在没有持久化的情况下重启，忘了客户端 6 的键，于是客户端 7 拿下实例 3 到 5，形成第二个多数派。";
    WRedlockClockJump => "Watch instance 3: its clock jumps 20 s ahead, client 6's key expires there early, and client 7 wins instances 3 to 5, a second majority.", "观察实例 3：它的时钟向前跳了 20 秒，客户端 6 的键在那里提前过期，客户端 7 拿下实例 3 到 5，形成第二个多数派。";
    WRedlockPause => "Watch the paused holder: its 500 ms validity runs out while it is frozen, the other client takes the lock, and the holder wakes still writing; Redlock has no token to refuse it.", "观察被暂停的持有者：冻结期间它 500 毫秒的有效期耗尽，另一个客户端拿到锁，持有者醒来后仍在写；Redlock 没有令牌来拒绝它。";
    WZkPause => "Watch the paused holder: its session expires, its ephemeral znode goes, the next client in the queue enters, and the paused one wakes believing it still holds.", "观察被暂停的持有者：会话过期，它的临时节点被删除，队列中的下一个客户端进入，而被暂停的那个醒来时仍以为自己持有锁。";
    WEtcdLeasePause => "Watch the paused holder: its session lease is revoked, its key is deleted, the next waiter enters, and the paused one wakes and writes: an item is sold twice.", "观察被暂停的持有者：它的会话租约被撤销，键被删除，下一个等待者进入，被暂停的那个醒来后继续写：一件商品被卖了两次。";
    WEtcdLeasePauseFenced => "Watch the paused holder: its lease is revoked and the next waiter enters; when it wakes, its write carries an older create revision and the storage refuses it.", "观察被暂停的持有者：它的租约被撤销，下一个等待者进入；它醒来后，写入带着更旧的创建版本号，被存储拒绝。";
    NEtcdLeaderKill => "etcd: the leader dies while clients wait", "etcd：客户端等待时领导者宕机";
    DEtcdLeaderKill => "The etcd leader is killed while one client holds and others wait: a new leader is elected, every lease is extended by its TTL, clients fail over, and the queue goes on, one holder at a time.",
                       "一个客户端持有锁、其他客户端等待时，etcd 领导者被杀死：选出新领导者，所有租约延长一个 TTL，客户端切换到其他成员，队列继续，始终只有一个持有者。";
}

/// A named scenario's title and one sentence on what it shows, in `lang`.
pub fn scenario_text(lang: Lang, named: Named) -> (&'static str, &'static str) {
    let (name, what) = match named {
        Named::LeaseTooShort => (Key::NLeaseTooShort, Key::DLeaseTooShort),
        Named::LeaseTooShortFenced => (Key::NLeaseTooShortFenced, Key::DLeaseTooShortFenced),
        Named::PlainDel => (Key::NPlainDel, Key::DPlainDel),
        Named::SetNxCrash => (Key::NSetNxCrash, Key::DSetNxCrash),
        Named::WatchdogSaves => (Key::NWatchdogSaves, Key::DWatchdogSaves),
        Named::GcPause => (Key::NGcPause, Key::DGcPause),
        Named::Polling => (Key::NPolling, Key::DPolling),
        Named::Watching => (Key::NWatching, Key::DWatching),
        Named::OneLock => (Key::NOneLock, Key::DOneLock),
        Named::Segmented => (Key::NSegmented, Key::DSegmented),
        Named::Fragmentation => (Key::NFragmentation, Key::DFragmentation),
        Named::MasterFailover => (Key::NMasterFailover, Key::DMasterFailover),
        Named::RedlockRestart => (Key::NRedlockRestart, Key::DRedlockRestart),
        Named::RedlockAof => (Key::NRedlockAof, Key::DRedlockAof),
        Named::RedlockDelayedRestart => (Key::NRedlockDelayed, Key::DRedlockDelayed),
        Named::RedlockClockJump => (Key::NRedlockClockJump, Key::DRedlockClockJump),
        Named::RedlockPause => (Key::NRedlockPause, Key::DRedlockPause),
        Named::ZkPredecessor => (Key::NZkPredecessor, Key::DZkPredecessor),
        Named::ZkHerd => (Key::NZkHerd, Key::DZkHerd),
        Named::ZkSessionExpiry => (Key::NZkSessionExpiry, Key::DZkSessionExpiry),
        Named::ZkPause => (Key::NZkPause, Key::DZkPause),
        Named::EtcdQueue => (Key::NEtcdQueue, Key::DEtcdQueue),
        Named::EtcdHerd => (Key::NEtcdHerd, Key::DEtcdHerd),
        Named::EtcdLeasePause => (Key::NEtcdLeasePause, Key::DEtcdLeasePause),
        Named::EtcdLeasePauseFenced => (Key::NEtcdLeasePauseFenced, Key::DEtcdLeasePauseFenced),
        Named::EtcdLeaderKill => (Key::NEtcdLeaderKill, Key::DEtcdLeaderKill),
    };
    (t(lang, name), t(lang, what))
}

/// What to watch as a failure scenario plays into its violation, in `lang` (none for the others).
pub fn watch_text(lang: Lang, named: Named) -> Option<&'static str> {
    let key = match named {
        Named::LeaseTooShort => Key::WLeaseTooShort,
        Named::LeaseTooShortFenced => Key::WLeaseTooShortFenced,
        Named::PlainDel => Key::WPlainDel,
        Named::GcPause => Key::WGcPause,
        Named::MasterFailover => Key::WMasterFailover,
        Named::RedlockRestart => Key::WRedlockRestart,
        Named::RedlockClockJump => Key::WRedlockClockJump,
        Named::RedlockPause => Key::WRedlockPause,
        Named::ZkPause => Key::WZkPause,
        Named::EtcdLeasePause => Key::WEtcdLeasePause,
        Named::EtcdLeasePauseFenced => Key::WEtcdLeasePauseFenced,
        _ => return None,
    };
    Some(t(lang, key))
}

/// A violation's sentence in `lang`, from its code and facts (the engine's English if the code is unknown).
pub fn violation_text(lang: Lang, violation: &crate::sim::Violation) -> String {
    let Some(sentence) = LockViolation::from_code(violation.code) else { return violation.explanation.clone() };
    let key = match sentence {
        LockViolation::TwoHolders => Key::TwoHolders,
        LockViolation::Oversold => Key::OversoldText,
        LockViolation::FenceOutOfOrder => Key::FenceOutOfOrder,
        LockViolation::GrantOutOfOrder => Key::GrantOutOfOrder,
    };
    crate::sim::fill_facts(t(lang, key), &violation.facts)
}

/// A lock-lab word (role, client state, note word, event name, invariant) in `lang`, if it is one.
pub fn word(lang: Lang, word: &str) -> Option<&'static str> {
    let key = match word {
        "storage" => Key::WordStorage,
        "redis" => Key::WordRedis,
        "replica" => Key::WordReplica,
        "zookeeper" => Key::WordZookeeper,
        "client" => Key::WordClient,
        "waiting" => Key::WordWaiting,
        "holding" => Key::WordHolding,
        "critical" => Key::WordCritical,
        "releasing" => Key::WordReleasing,
        "idle" => Key::WordIdle,
        "done" => Key::WordDone,
        "paused" => Key::WordPaused,
        "down" => Key::WordDown,
        "stock" => Key::WordStock,
        "fence" => Key::WordFence,
        "segment" => Key::WordSegment,
        "holder" => Key::WordHolder,
        "queue" => Key::WordQueue,
        "acquired" => Key::WordAcquired,
        "released" => Key::WordReleased,
        "fenced" => Key::WordFenced,
        "Mutual Exclusion" => Key::InvMutex,
        "No Oversell" => Key::InvOversell,
        "Fencing Tokens Increase" => Key::InvFencing,
        "Grants In Creation Order" => Key::InvCreationOrder,
        "etcd" => Key::WordEtcd,
        "phase" => Key::WordPhase,
        "token" => Key::WordToken,
        "read" => Key::WordRead,
        "bought" => Key::WordBought,
        "acquisitions" => Key::WordAcquisitions,
        "wasted" => Key::WordWasted,
        "messages_sent" => Key::WordSent,
        "notified" => Key::WordNotified,
        "failed_purchases" => Key::WordFailed,
        "validity" => Key::WordValidity,
        "session" => Key::WordSession,
        "znode" => Key::WordZnode,
        "lease" => Key::WordLease,
        "ttl_left" => Key::WordTtlLeft,
        "key" => Key::WordKey,
        "revision" => Key::WordRevision,
        "waits_on" => Key::WordWaitsOn,
        "watch_member" => Key::WordWatchMember,
        "step" => Key::WordStep,
        "initial" => Key::WordInitial,
        "sales" => Key::WordSales,
        "rejected" => Key::WordRejected,
        "fencing" => Key::WordFencing,
        "persistence" => Key::WordPersistence,
        "unreplicated" => Key::WordUnreplicated,
        "subscribers" => Key::WordSubscribers,
        "notifications" => Key::WordNotifications,
        "watcher" => Key::WordWatcher,
        "acquiring" => Key::WordAcquiring,
        "setting_expiry" => Key::WordSettingExpiry,
        "awaiting_token" => Key::WordAwaitingToken,
        "reading" => Key::WordReading,
        "thinking" => Key::WordThinking,
        "writing" => Key::WordWriting,
        "watching" => Key::WordWatchingRelease,
        "no_persistence" => Key::WordNoPersistence,
        "aof_always" => Key::WordAofAlways,
        "retry" => Key::TimerRetry,
        "think" => Key::TimerThink,
        "watchdog" => Key::TimerWatchdog,
        "instance timeout" => Key::TimerInstanceTimeout,
        "request timeout" => Key::TimerRequestTimeout,
        "replication flush" => Key::TimerFlush,
        "ping" => Key::TimerPing,
        "session tick" => Key::TimerSessionTick,
        "lease check" => Key::TimerLeaseCheck,
        "keepalive" => Key::TimerKeepAlive,
        "storage timeout" => Key::TimerStorageTimeout,
        _ => return None,
    };
    Some(t(lang, key))
}

/// A lock-lab word in `lang`; any other word as it is (for the shell to translate).
pub fn lock_word(lang: Lang, w: &'static str) -> &'static str {
    word(lang, w).unwrap_or(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lock::checker::INVARIANTS;
    use crate::sim::{fill_facts, Violation};

    #[test]
    fn every_scenario_that_breaks_an_invariant_is_a_lesson_with_what_to_watch_in_both_languages() {
        use crate::lab::locks::scenarios::Outcome;
        for named in Named::ALL {
            let lesson = named.outcome() == Outcome::TwoHolders;
            assert_eq!(watch_text(Lang::En, named).is_some(), lesson, "{named:?}");
            if lesson {
                assert_ne!(watch_text(Lang::En, named), watch_text(Lang::Zh, named), "{named:?}");
            }
        }
    }

    #[test]
    fn every_violation_code_reads_in_both_languages() {
        let facts = vec![
            ("clients", "3, 4".to_string()),
            ("segment", "0".to_string()),
            ("sales", "5".to_string()),
            ("initial", "20".to_string()),
            ("stock", "16".to_string()),
            ("token", "3".to_string()),
            ("after", "4".to_string()),
            ("client", "5".to_string()),
            ("created", "7".to_string()),
            ("before", "6".to_string()),
            ("last", "9".to_string()),
        ];
        for sentence in LockViolation::ALL {
            let code = sentence.code();
            let v = Violation {
                invariant: INVARIANTS[0],
                t: 0,
                nodes: vec![],
                explanation: fill_facts(sentence.english(), &facts),
                code,
                facts: facts.clone(),
                trace_seq: 0,
            };
            let (en, zh) = (violation_text(Lang::En, &v), violation_text(Lang::Zh, &v));
            assert_eq!(en, v.explanation, "{code}");
            assert_ne!(zh, en);
            assert!(!zh.contains('{'));
        }
    }

    #[test]
    fn every_invariant_and_scenario_is_translated() {
        for name in INVARIANTS {
            assert_ne!(word(Lang::Zh, name), None, "{name}");
        }
        for named in Named::ALL {
            let (en, zh) = (scenario_text(Lang::En, named), scenario_text(Lang::Zh, named));
            assert_ne!(en.1, zh.1);
        }
    }

    #[test]
    fn every_inspector_label_of_every_service_is_translated() {
        use crate::lab::locks::scenarios::Named;
        use crate::lab::locks::view::node_rows;
        for named in [Named::LeaseTooShort, Named::MasterFailover, Named::ZkPredecessor, Named::EtcdQueue] {
            let mut run = crate::lab::locks::timeline(named.scenario(), 0);
            run.seek(crate::sim::secs(3));
            for node in 0..run.world().node_count() {
                for note in node_rows(run.world(), node) {
                    let zh = crate::ui::i18n::word(Lang::Zh, note.word);
                    assert_ne!(zh, note.word, "{:?} node {node}: {}", named, note.word);
                }
            }
        }
    }
}
