//! The distributed IDs lab's strings, English and Simplified Chinese, and its vocabulary: the roles,
//! statuses, formats, bit fields, events, notes and invariants its view model emits.

use super::Lang;
use crate::idgen::redis::Persistence;
use crate::idgen::snowflake::Rollback;
use crate::idgen::{Generator, IdBug};
use crate::lab::ids::scenarios::{Named, Outcome};

table! {
    Title => "Distributed IDs", "分布式 ID";
    Subtitle => "Application servers ask for IDs from Snowflake, UUID, a database, Leaf segments (from a database or a Raft store) or Redis INCR",
                "应用服务器从雪花算法、UUID、数据库、Leaf 号段模式（号段来自数据库或 Raft 存储）或 Redis INCR 获取 ID";
    Scaled => "Real defaults unless a lesson says otherwise: Snowflake 1 | 41 | 10 | 12 bits from Twitter's epoch, Leaf waits out rollbacks of at most 5 ms and reports every 3 s, the next segment is fetched at 10 % used, RDB save 60. Scaled for the lessons: RDB snapshots every 2 s, index pages of 100 keys, a replica 100 ms behind, request rates of 100 to 5,000 IDs per second.",
              "除课程另有说明外均为真实默认值：雪花算法 1 | 41 | 10 | 12 位、Twitter 纪元；Leaf 等待不超过 5 毫秒的时钟回拨，每 3 秒上报一次时间；号段用掉 10% 时取下一个号段；RDB save 60。为教学而缩放：RDB 每 2 秒快照一次，索引页 100 个键，副本落后 100 毫秒，请求速率每秒 100 到 5000 个 ID。";
    KeyBack => "clock of the selected server (or the first) back 10 ms", "选中服务器（或第一个）的时钟回拨 10 毫秒";
    KeyAdvance => "run 500 ms of virtual time", "运行 500 毫秒虚拟时间";
    Scenario => "Scenario", "场景";
    Default => "Default: three servers, Snowflake", "默认：三台服务器，雪花算法";
    Start => "Press Play (or Space) to watch each server's Snowflake IDs decoded beside the cluster; then press ⟲ −2 s under “Clocks of the application servers”, or pick a scenario above: it plays at once.",
             "按“播放”（或空格键），在集群旁观察每台服务器的雪花 ID 被逐位解码；然后在“应用服务器的时钟”下按“⟲ −2 秒”，或在上方选择一个场景：它会立即开始播放。";
    Custom => "Custom (the switches below)", "自定义（下方开关）";
    Expect => "Expected outcome: {outcome}", "预期结果：{outcome}";
    ScaledLesson => "Scaled here: {what}", "此处缩放：{what}";
    ScaledIndex => "index pages of 100 keys (InnoDB's 16 KB pages hold hundreds of keys)", "索引页 100 个键（InnoDB 的 16 KB 页可容纳数百个键）";
    ScaledRdb => "RDB snapshots every 2 s instead of save 60", "RDB 每 2 秒快照一次，而不是 save 60";
    ScaledReplica => "replication 100 ms behind the master", "复制落后主节点 100 毫秒";
    ScaledSegment => "segments of 1,000 IDs at 300 IDs per second, so one lasts about 3 s", "每个号段 1000 个 ID，每秒 300 个 ID，一个号段约用 3 秒";
    ScaledNonAtomic => "segments of 100 IDs, so the race comes often", "每个号段 100 个 ID，使竞争频繁出现";
    OutDuplicate => "an ID issued twice", "同一个 ID 被发放两次";
    OutUnique => "every ID unique", "所有 ID 唯一";
    OutUnavailable => "unique, but requests fail", "唯一，但请求失败";
    OutGaps => "unique, with gaps", "唯一，但有空洞";
    OutStartRefused => "a server refuses to start", "一台服务器拒绝启动";

    // Generator panel
    GeneratorHeading => "Generator and its switches", "生成器及其开关";
    GeneratorHint => "Changing a switch starts a fresh run with it.", "改变任何开关都会以新配置重新开始运行。";
    GeneratorLabel => "Generator", "生成器";
    GenSnowflake => "Snowflake (Twitter layout, in process)", "雪花算法（Twitter 布局，进程内）";
    GenSonyflake => "Sonyflake (10 ms units, in process)", "Sonyflake（10 毫秒单位，进程内）";
    GenBaidu => "Baidu uid-generator (seconds, in process)", "百度 uid-generator（秒级，进程内）";
    GenUuidV4 => "UUID v4 (random)", "UUID v4（随机）";
    GenUuidV7 => "UUID v7 (time-ordered)", "UUID v7（按时间有序）";
    GenDatabase => "Database auto-increment", "数据库自增";
    GenSegment => "Segment mode (Leaf-segment)", "号段模式（Leaf-segment）";
    GenRedis => "Redis INCR", "Redis INCR";
    GenRaftSegment => "Segment mode on Raft (etcd-style CAS)", "基于 Raft 的号段模式（etcd 式 CAS）";
    GenSnowflakeWhy => "No round trip and no shared state: uniqueness rests on distinct machine IDs and a clock that never goes back.",
                       "没有网络往返，也没有共享状态：唯一性依赖于互不相同的机器 ID 和永不回拨的时钟。";
    GenSonyflakeWhy => "39 bits of 10 ms last 174 years and 16 machine bits allow 65,536 machines, at only 256 IDs per 10 ms per machine.",
                       "39 位、以 10 毫秒为单位的时间可用 174 年，16 位机器号可容纳 65536 台机器，但每台机器每 10 毫秒只能生成 256 个 ID。";
    GenBaiduWhy => "A fresh worker ID from a database table on every start guards against a restart behind the clock.",
                   "每次启动都从数据库表领取新的 worker ID，防止时钟落后时重启造成重复。";
    GenUuidV4Why => "122 random bits need no coordination at all, but random keys scatter inserts across the index.",
                    "122 个随机位完全不需要协调，但随机键会让插入分散到索引各处。";
    GenUuidV7Why => "A Unix millisecond first keeps UUIDs unique without coordination and inserts them at the index's right edge.",
                    "以 Unix 毫秒开头，既无需协调又保持唯一，插入总在索引的最右端。";
    GenDatabaseWhy => "One database guarantees uniqueness but costs a round trip per ID and stops everything when it is down; several must step by their count.",
                      "单个数据库保证唯一，但每个 ID 都要一次网络往返，它一宕机就全部停摆；多个数据库必须按数量设置步长。";
    GenSegmentWhy => "A range of IDs per database round trip, cached in memory with a second buffer: survives short database outages.",
                     "每次数据库往返取一段 ID，缓存在内存中并有第二个缓冲：能扛过短暂的数据库故障。";
    GenRaftSegmentWhy => "Each segment is a compare-and-set of max_id committed through a Raft log on 3 members: no fault can hand out a segment twice, at the cost of a consensus round per segment and a pause while a leader is elected.",
                         "每个号段都是一次经由 3 个成员的 Raft 日志提交的 max_id 比较并交换：任何故障都不会把同一号段发两次，代价是每个号段一轮共识，以及选举新领导者期间的停顿。";
    GenRedisWhy => "INCR is atomic and fast, but the counter is only as durable as Redis's persistence.",
                   "INCR 是原子的且很快，但计数器的持久程度取决于 Redis 的持久化方式。";
    RollbackLabel => "Clock rollback", "时钟回拨处理";
    RollbackWhy => "What the generator does when its clock reads earlier than its last ID's time: taking the clock as it is reissues milliseconds already used.",
                   "当时钟读数早于上一个 ID 的时间时生成器怎么做：直接采用当前时钟会重复使用已经用过的毫秒。";
    RbTwitter => "Twitter: refuse until the clock catches up", "Twitter：拒绝服务，直到时钟追上";
    RbLeaf => "Leaf: wait out at most 5 ms, fail beyond", "Leaf：最多等待 5 毫秒，超过则失败";
    RbSonyflake => "Sonyflake: keep counting in the last unit", "Sonyflake：继续在上一个时间单位内计数";
    RbIgnore => "Ignore it (bug)", "忽略回拨（错误做法）";
    CoordinatorLabel => "Worker IDs from a coordinator (Leaf, ZooKeeper)", "从协调者领取 worker ID（Leaf，ZooKeeper）";
    CoordinatorWhy => "A persistent sequential node per server address gives each server its own machine ID; the reported time refuses a start with the clock behind.",
                      "每个服务器地址一个持久顺序节点，给每台服务器分配独有的机器 ID；上报的时间会拒绝时钟落后的启动。";
    DupWorkerLabel => "Two servers with the same worker ID (bug)", "两台服务器配置了相同的 worker ID（错误）";
    DupWorkerWhy => "Machine IDs set by hand are a human's promise: two servers with the same one issue the same IDs in the same millisecond.",
                    "手工设置的机器 ID 只是人的承诺：两台服务器用了同一个，就会在同一毫秒生成相同的 ID。";
    NonAtomicLabel => "Read max_id, then write it (bug)", "先读 max_id 再写（错误）";
    NonAtomicWhy => "One UPDATE max_id = max_id + step in a transaction guards against two servers taking the same segment.",
                    "在一个事务里执行 UPDATE max_id = max_id + step，防止两台服务器取到同一个号段。";
    NoDoubleBufferLabel => "No double buffer (bug)", "没有双缓冲（错误）";
    NoDoubleBufferWhy => "Fetching the next segment at 10 % used guards against stalls at every segment's end and against a database outage at that moment.",
                         "号段用到 10% 时就取下一个号段，避免每个号段用完时的停顿，以及恰好此时数据库故障造成的失败。";
    AddedDbLabel => "Added a database without re-stepping (bug)", "新增数据库但未重设步长（错误）";
    AddedDbWhy => "Every database must step by the new count from distinct offsets, or two hand out the same numbers.",
                  "所有数据库都必须按新的数量作为步长、从不同的偏移开始，否则会有两个数据库发出相同的号码。";
    AppsLabel => "Application servers", "应用服务器数";
    AppsWhy => "Each asks for IDs at the rate below; with Snowflake each needs its own machine ID.", "每台按下面的速率请求 ID；使用雪花算法时每台都需要自己的机器 ID。";
    RateLabel => "IDs per second per server", "每台服务器每秒 ID 数";
    RateWhy => "The load: a remote generator pays a round trip for each request.", "负载：远程生成器每个请求都要付出一次网络往返。";
    DatabasesLabel => "ID databases", "ID 数据库数";
    DatabasesWhy => "One is a single point of failure; N step by N from offsets 1..N (Flickr's ticket servers).",
                    "一个是单点故障；N 个则以 N 为步长、从偏移 1..N 开始（Flickr 的 ticket 服务器）。";
    IdServersLabel => "Segment servers", "号段服务器数";
    IdServersWhy => "Each takes its own segments: more servers, more availability, IDs only trend-increasing across them.",
                    "每台各取自己的号段：服务器越多可用性越高，但跨服务器的 ID 只是趋势递增。";
    StepLabel => "Segment size (step)", "号段大小（step）";
    StepWhy => "IDs per database round trip: larger segments survive longer outages and lose more numbers in a crash.",
               "每次数据库往返取到的 ID 数：号段越大越能扛住长时间故障，崩溃时丢弃的号码也越多。";
    PersistenceLabel => "Redis persistence", "Redis 持久化";
    PersistenceWhy => "What survives a restart: increments after the last RDB snapshot or AOF fsync are handed out again.",
                      "重启后留下什么：最后一次 RDB 快照或 AOF fsync 之后的自增会被再次发出。";
    PNone => "none", "无";
    PRdb => "RDB snapshots", "RDB 快照";
    PAofEverysec => "AOF appendfsync everysec", "AOF appendfsync everysec";
    PAofAlways => "AOF appendfsync always", "AOF appendfsync always";
    ReplicaLabel => "Asynchronous replica", "异步副本";
    ReplicaWhy => "Keeps Redis available after the master dies, but a promoted replica lacks the increments not yet streamed.",
                  "主节点宕机后 Redis 仍可用，但被提升的副本缺少尚未同步过去的自增。";
    PerSecond => "{n}/s", "{n}/秒";

    // The decoded IDs
    LatestIds => "Latest ID of each server, decoded", "每台服务器最新的 ID（解码）";
    NoIdYet => "no ID yet", "还没有 ID";
    Bits => "{n} bits", "{n} 位";
    Bit => "1 bit", "1 位";
    MachineBracket => "machine ID: 10 bits, 1,024 machines", "机器 ID：10 位，1024 台机器";
    LayoutFacts => "lasts {years} years (until {end}) · {rate} IDs/s per machine · {nodes} machines",
                   "可用 {years} 年（至 {end}）· 每台机器每秒 {rate} 个 ID · {nodes} 台机器";
    UuidFacts => "128 bits, no coordination; version and variant bits fixed by RFC 9562", "128 位，无需协调；版本位与变体位由 RFC 9562 固定";
    CounterFacts => "a counter: each ID is the previous one plus the step", "计数器：每个 ID 等于上一个加上步长";
    FieldTitle => "{name}: {value} ({bits} bits: {binary})", "{name}：{value}（{bits} 位：{binary}）";

    // The stream plot
    Streams => "IDs against time", "ID 随时间变化";
    StreamsHint => "One line per server, IDs scaled to the window: rising means trend-increasing. Red: an ID issued twice, joined to its first issue.",
                   "每台服务器一条线，ID 按窗口缩放：上升即趋势递增。红色：被发放两次的 ID，并连到它第一次发放的位置。";
    Window => "Window", "窗口";
    NoPoints => "No ID in this window yet.", "此窗口内还没有 ID。";
    Duplicates => "Duplicates: {n}", "重复 ID：{n} 个";
    NoDuplicates => "No ID issued twice.", "没有 ID 被发放两次。";
    DuplicateRow => "{id}: N{first} at {t1}, again N{second} at {t2}", "{id}：{t1} 发给 N{first}，{t2} 又发给 N{second}";
    PlotLabel => "IDs issued by each server against virtual time", "各服务器发放的 ID 随虚拟时间的变化";

    // Where IDs come from
    Backends => "Where IDs come from", "ID 从哪里来";
    InProcess => "Generated inside each application server: no round trip, no shared state.", "在每台应用服务器内部生成：没有网络往返，没有共享状态。";
    DatabaseOf => "Database N{n}", "数据库 N{n}";
    NextTicket => "next auto-increment", "下一个自增值";
    Increment => "auto_increment_increment", "auto_increment_increment";
    MaxId => "leaf_alloc.max_id", "leaf_alloc.max_id";
    StepShort => "step", "步长";
    NextWorker => "WORKER_NODE next id", "WORKER_NODE 下一个 id";
    RedisOf => "Redis N{n}", "Redis N{n}";
    InMemory => "counter in memory", "内存中的计数器";
    OnDisk => "on disk (what a restart reloads)", "磁盘上（重启时加载）";
    Lost => "lost (down)", "丢失（宕机）";
    Nothing => "nothing", "无";
    CoordinatorOf => "Coordinator N{n} (ZooKeeper)", "协调者 N{n}（ZooKeeper）";
    Address => "address", "地址";
    WorkerIdCol => "worker ID", "worker ID";
    Reported => "last reported", "最后上报";
    NoWorkers => "no sequential nodes yet", "还没有顺序节点";
    SegmentOf => "Segment server N{n}", "号段服务器 N{n}";
    StoreMemberOf => "Raft member N{n}", "Raft 成员 N{n}";
    RaftTerm => "term", "任期";
    RaftCommit => "commit index", "提交索引";
    StoreHint => "Each segment is a compare-and-set of max_id through the Raft log: only the leader accepts it, and only once a majority has it on disk.",
                 "每个号段都是经 Raft 日志对 max_id 的一次比较并交换：只有领导者受理，且要多数成员落盘之后才生效。";
    Promote => "Promote replica", "提升副本为主";
    PromoteTitle => "What Sentinel does after the master fails: the replica becomes the master and answers INCR from the counter it has.",
                    "主节点故障后 Sentinel 所做的事：副本成为主节点，用它手里的计数器回答 INCR。";
    Current => "current segment", "当前号段";
    NextSeg => "next segment", "下一个号段";
    Waiting => "waiting requests", "等待中的请求";
    NoSegment => "none", "无";

    // Clocks
    Clocks => "Clocks of the application servers", "应用服务器的时钟";
    ClocksHint => "Snowflake trusts the local clock: step one back and watch the IDs.", "雪花算法信任本地时钟：把某台的时钟往回拨，看看 ID 会怎样。";
    ClockOf => "clock {skew}", "时钟 {skew}";
    WorkerOf => "worker {w}", "工作机器号 {w}";
    Back10 => "⟲ −10 ms", "⟲ −10 毫秒";
    Back10Title => "Jump this server's clock 10 ms back (a small NTP step)", "把该服务器的时钟回拨 10 毫秒（一次小的 NTP 校时）";
    Back2s => "⟲ −2 s", "⟲ −2 秒";
    Back2sTitle => "Jump this server's clock 2 s back", "把该服务器的时钟回拨 2 秒";
    Forward => "+1 s", "+1 秒";
    ForwardTitle => "Jump this server's clock 1 s ahead (an NTP step forward)", "把该服务器的时钟向前拨 1 秒（一次向前的 NTP 校时）";
    DriftFast => "drift +10 %", "漂移 +10%";
    DriftFastTitle => "Make this server's clock run 10 % fast (NTP will later step it back)", "让该服务器的时钟快 10%（之后 NTP 会把它往回拨）";
    DriftNone => "no drift", "无漂移";
    DriftNoneTitle => "Stop this server's clock drift", "停止该服务器的时钟漂移";
    Pending => "{n} in flight", "{n} 个请求在途";

    // Counters and index
    Counters => "Counters", "计数器";
    Issued => "IDs issued", "已发放 ID";
    Distinct => "Distinct IDs", "不同的 ID";
    Failed => "Failed requests", "失败的请求";
    RoundTrips => "Round trips per ID", "每个 ID 的往返次数";
    Gaps => "Gaps (never issued)", "空洞（从未发放）";
    DuplicateCount => "Duplicates", "重复 ID";
    Latency => "Latency p50 · p99 · max (ms)", "延迟 p50 · p99 · 最大（毫秒）";
    OutOfOrder => "Out of time order", "不按时间顺序";
    MaxLate => "Latest of them (ms)", "最多迟到（毫秒）";
    MeasuresHint => "Measured, not invariants. Latency: from the request to the ID, on each server's own clock. Out of time order: IDs handed out after a larger ID, in the merged stream of every server, and how long after the first larger one.",
                    "这些是测量值，不是不变式。延迟：从请求到拿到 ID，按各服务器自己的时钟计。不按时间顺序：在所有服务器合并的 ID 流中，比之前已发放的某个 ID 更小的 ID 所占比例，以及它比第一个更大的 ID 晚了多久。";
    IndexHeading => "Primary-key index (B+ tree)", "主键索引（B+ 树）";
    IndexHint => "Every ID issued is inserted as a primary key; a split at the right edge leaves the old page full, as InnoDB's does. Random keys split pages in the middle: about 69 % full.",
                 "每个发放的 ID 都作为主键插入；像 InnoDB 一样，在最右端分裂时旧页保持全满。随机键在页中间分裂：约 69% 满。";
    IndexKeys => "Keys", "键数";
    IndexPages => "Leaf pages", "叶子页";
    IndexSplits => "Page splits", "页分裂";
    IndexFill => "Average page fill", "平均页填充率";

    // Legend
    LegendApp => "application server", "应用服务器";
    LegendDatabase => "database", "数据库";
    LegendRedis => "Redis master", "Redis 主节点";
    LegendReplica => "Redis replica", "Redis 副本";
    LegendCoordinator => "coordinator (ZooKeeper)", "协调者（ZooKeeper）";
    LegendSegment => "segment server", "号段服务器";
    LegendStoreLeader => "Raft store leader", "Raft 存储领导者";
    LegendStoreFollower => "Raft store follower", "Raft 存储跟随者";
    LegendFlagged => "named by a broken invariant", "被违反的不变量点名";

    // Violations
    DuplicateId => "ID {id} was issued twice: to node {first} at {first_t} µs and to node {node} at {t} µs",
                   "ID {id} 被发放了两次：{first_t} 微秒时发给节点 {first}，{t} 微秒时又发给节点 {node}";
    NotMonotonic => "node {node} handed out ID {id} after ID {last}: its IDs must increase",
                    "节点 {node} 在 ID {last} 之后发出了 ID {id}：它的 ID 必须递增";

    // Scenarios
    NSnowflakeDecoded => "Snowflake, decoded", "雪花算法 ID 解码";
    DSnowflakeDecoded => "A Snowflake ID is 1 unused sign bit, 41 bits of milliseconds since Twitter's epoch, 5 bits of datacenter, 5 of worker and a 12-bit sequence, made in process with no round trip.",
                         "雪花算法 ID 由 1 位不用的符号位、41 位自 Twitter 纪元起的毫秒数、5 位数据中心、5 位 worker 和 12 位序列号组成，在进程内生成，没有网络往返。";
    NSequenceExhaustion => "Sequence exhaustion", "序列号耗尽";
    DSequenceExhaustion => "A 12-bit sequence allows 4,096 IDs per millisecond per worker: asked for 5,000, the generator waits for the next millisecond and the counters show the cap.",
                           "12 位序列号允许每个 worker 每毫秒生成 4096 个 ID：被要求 5000 个时，生成器等待下一毫秒，计数器显示出这个上限。";
    NRollbackIgnored => "Clock rollback ignored", "忽略时钟回拨";
    DRollbackIgnored => "When the clock goes back 10 ms and the generator takes it as it is, the milliseconds already used come round again and the same IDs are issued twice.",
                        "时钟回拨 10 毫秒而生成器照单全收时，已经用过的毫秒再次出现，同样的 ID 被发放两次。";
    NRollbackRefused => "Clock rollback refused (Twitter)", "拒绝时钟回拨（Twitter）";
    DRollbackRefused => "Twitter's Snowflake refuses every request while the clock is behind its last timestamp: no duplicate, but 10 ms of unavailability.",
                        "Twitter 的雪花算法在时钟落后于上一个时间戳期间拒绝所有请求：没有重复，但有 10 毫秒不可用。";
    NRollbackWaited => "Clock rollback waited out (Leaf, 5 ms)", "等待时钟回拨（Leaf，5 毫秒）";
    DRollbackWaited => "Meituan Leaf waits out a rollback of at most 5 ms (here 3 ms) and carries on without a failure; a longer one fails like Twitter's.",
                       "美团 Leaf 对不超过 5 毫秒的回拨（这里是 3 毫秒）会等待过去，然后继续，没有失败；更长的回拨则像 Twitter 一样失败。";
    NDuplicateWorkerId => "Duplicate worker ID", "重复的 worker ID";
    DDuplicateWorkerId => "Two servers configured by hand with the same worker id issue the same IDs in the same millisecond.",
                          "两台手工配置了相同 worker ID 的服务器，在同一毫秒生成相同的 ID。";
    NRestartBehind => "Restart with the clock 2 s behind", "时钟落后 2 秒时重启";
    DRestartBehind => "The rollback check lives in memory: a server restarted with its clock 2 s behind has forgotten its last timestamp and reissues IDs.",
                      "回拨检查只存在于内存中：时钟落后 2 秒重启的服务器已经忘了它上一个时间戳，于是重复发放 ID。";
    NLeafWorkerIds => "Leaf worker IDs and the start-up clock check", "Leaf 的 worker ID 与启动时钟检查";
    DLeafWorkerIds => "Leaf takes worker ids from ZooKeeper sequential nodes and reports its time every 3 s; a server restarted with its clock 2 s behind its last report refuses to start.",
                      "Leaf 从 ZooKeeper 顺序节点领取 worker ID，每 3 秒上报一次时间；时钟比上次上报落后 2 秒重启的服务器拒绝启动。";
    NBaiduFreshWorker => "Baidu: a fresh worker ID on every start", "百度：每次启动领取新的 worker ID";
    DBaiduFreshWorker => "Baidu's uid-generator takes a fresh worker id from a database table on every start, so the same restart behind the clock issues new IDs.",
                         "百度 uid-generator 每次启动都从数据库表领取新的 worker ID，所以同样在时钟落后时重启，发出的也是新 ID。";
    NIndexUuidV4 => "Index: random UUID v4 keys", "索引：随机 UUID v4 主键";
    DIndexUuidV4 => "Random UUIDs land anywhere in the primary-key B+ tree: pages split in the middle and stay about 69 % full (pages scaled to 100 keys).",
                    "随机 UUID 落在主键 B+ 树的任意位置：页在中间分裂，只有约 69% 满（页缩放为 100 个键）。";
    NIndexUuidV7 => "Index: time-ordered UUID v7 keys", "索引：按时间有序的 UUID v7 主键";
    DIndexUuidV7 => "Version 7 UUIDs start with the Unix millisecond, so inserts go to the right edge and pages fill completely (pages scaled to 100 keys).",
                    "UUID v7 以 Unix 毫秒开头，插入总在最右端，页被完全填满（页缩放为 100 个键）。";
    NIndexSnowflake => "Index: Snowflake keys", "索引：雪花算法主键";
    DIndexSnowflake => "Snowflake IDs from one server increase, so they fill index pages like an auto-increment key (pages scaled to 100 keys).",
                       "同一台服务器的雪花 ID 递增，所以像自增主键一样填满索引页（页缩放为 100 个键）。";
    NSingleDatabaseDown => "The single ID database goes down", "单个 ID 数据库宕机";
    DSingleDatabaseDown => "With one ID database every ID costs a round trip, and while it is down no ID can be issued at all.",
                           "只有一个 ID 数据库时，每个 ID 都要一次网络往返；它宕机期间完全无法发放 ID。";
    NMultiMaster => "Three databases stepping by 3", "三个数据库以 3 为步长";
    DMultiMaster => "Flickr's ticket servers: three databases with auto_increment_increment 3 and offsets 1, 2, 3 never collide, but adding one means re-stepping them all.",
                    "Flickr 的 ticket 服务器：三个数据库 auto_increment_increment 为 3、偏移为 1、2、3，永不冲突；但要新增一个就得重设所有数据库的步长。";
    NAddedDatabase => "A database added without re-stepping", "新增数据库但未重设步长";
    DAddedDatabase => "A third database added with step 3 while the other two still step by 2 hands out numbers they also hand out.",
                      "新增的第三个数据库以 3 为步长，而另两个仍以 2 为步长，它发出的号码另两个也会发出。";
    NSegmentDbOutage => "Segment mode survives a database outage", "号段模式扛过数据库故障";
    DSegmentDbOutage => "Leaf's segment mode takes 1,000 IDs per database round trip and fetches the next segment when 10 % of the current one is used, so a 2 s database outage goes unnoticed.",
                        "Leaf 号段模式每次数据库往返取 1000 个 ID，当前号段用掉 10% 时就取下一个号段，所以 2 秒的数据库故障无人察觉。";
    NSegmentNoDoubleBuffer => "Segment mode without the double buffer", "没有双缓冲的号段模式";
    DSegmentNoDoubleBuffer => "Without the double buffer the next segment is fetched only when the current one runs out, so the same outage at that moment makes requests fail.",
                              "没有双缓冲时，只有当前号段用完才去取下一个，同样的故障恰在此时发生，请求就会失败。";
    NSegmentNonAtomic => "Non-atomic segment update", "非原子的号段更新";
    DSegmentNonAtomic => "Reading max_id and writing max_id + step in two statements lets two servers take the same segment and issue the same IDs.",
                         "分两条语句读取 max_id 再写入 max_id + step，会让两台服务器取到同一个号段并发出相同的 ID。";
    WRollbackIgnored => "Watch the stream plot and the decoded ID: the clock steps back 10 ms, the generator reuses milliseconds it has already stamped, and an ID comes out a second time. Unique IDs breaks.", "观察 ID 流图和解码后的 ID：时钟回拨 10 毫秒，生成器重新使用已经用过的毫秒，同一个 ID 第二次出现。ID 唯一性被破坏。";
    WDuplicateWorkerId => "Watch the decoded IDs of servers 0 and 1: the same worker id in the same millisecond with the same sequence number is the same ID. Unique IDs breaks.", "观察服务器 0 和 1 解码后的 ID：同一毫秒、同一 worker id、同一序列号，就是同一个 ID。ID 唯一性被破坏。";
    WAddedDatabase => "Watch the backends panel: the new database steps by 3 while the other two still step by 2, so it reaches numbers they hand out too. Unique IDs breaks.", "观察后端面板：新数据库按 3 递增，另外两个仍按 2 递增，于是它会发出它们也会发出的号码。ID 唯一性被破坏。";
    WSegmentNonAtomic => "Watch the backends panel: two segment servers read the same max_id before either writes it back, take the same segment and hand out the same IDs. Unique IDs breaks.", "观察后端面板：两个号段服务器在任何一个写回之前读到同一个 max_id，拿到同一个号段并发出相同的 ID。ID 唯一性被破坏。";
    NSegmentServerCrash => "A segment server crashes (gaps)", "号段服务器崩溃（空洞）";
    DSegmentServerCrash => "A crashed segment server loses the rest of its segment: the restarted server takes a new one, leaving a gap of never-issued numbers but no duplicate.",
                           "崩溃的号段服务器丢失了号段剩下的部分：重启后取新号段，留下从未发放的号码空洞，但没有重复。";
    NRedisRdbRestart => "Redis restarts from RDB", "Redis 从 RDB 重启";
    DRedisRdbRestart => "Redis INCR with RDB snapshots (save 60 scaled to every 2 s) loses the increments since the last snapshot on a crash, and the restarted server hands them out again.",
                        "使用 RDB 快照（save 60 缩放为每 2 秒）的 Redis INCR 在崩溃时丢失上次快照之后的自增，重启后再次发出这些号码。";
    NRedisAofEverysec => "Redis restarts from AOF everysec", "Redis 从 AOF everysec 重启";
    DRedisAofEverysec => "With AOF appendfsync everysec a crash loses up to a second of increments, and they are handed out again.",
                         "使用 AOF appendfsync everysec 时，崩溃最多丢失一秒的自增，这些号码会被再次发出。";
    NRedisAofAlways => "Redis restarts from AOF always", "Redis 从 AOF always 重启";
    DRedisAofAlways => "With AOF appendfsync always every increment is on disk before the reply, so a restart loses nothing.",
                       "使用 AOF appendfsync always 时，每次自增在回复前都已写入磁盘，重启什么也不丢。";
    NRedisReplicaFailover => "Redis replica failover", "Redis 副本故障切换";
    DRedisReplicaFailover => "The master replies before its increments reach the asynchronous replica (100 ms behind here): promoted after the master dies, the replica counts again from where it was.",
                             "主节点在自增同步到异步副本之前就回复了（这里落后 100 毫秒）：主节点宕机后副本被提升，从它自己的位置重新计数。";

    NRaftSegmentLeaderKill => "Raft segment store: leader killed", "Raft 号段存储：杀死领导者";
    DRaftSegmentLeaderKill => "Segments taken by a compare-and-set of max_id through a 3-member Raft log (etcd's 100 ms heartbeat, 1 s election timeout): killing the leader pauses new segments until another member is elected, then IDs flow on and none is ever issued twice.",
                              "号段通过 3 个成员的 Raft 日志对 max_id 做比较并交换来获取（etcd 的 100 毫秒心跳、1 秒选举超时）：杀死领导者后，新号段暂停，直到另一个成员当选，随后 ID 继续发放，且从不重复。";
    ScaledRaftSegment => "segments of 100 IDs at 900 IDs per second, so they run out during the election", "每个号段 100 个 ID，每秒 900 个 ID，使号段在选举期间用完";

    // Vocabulary: roles
    WApp => "application server", "应用服务器";
    WDatabase => "database", "数据库";
    WRedis => "Redis master", "Redis 主节点";
    WReplica => "Redis replica", "Redis 副本";
    WCoordinator => "coordinator", "协调者";
    WSegmentServer => "segment server", "号段服务器";
    WStoreMember => "Raft store member", "Raft 存储成员";
    WRaftRole => "Raft role", "Raft 角色";
    // Application statuses
    WStarting => "starting", "启动中";
    WRunning => "running", "运行中";
    WWaiting => "waiting", "等待中";
    WRefused => "refused to start", "拒绝启动";
    WDown => "down", "已宕机";
    WPaused => "paused", "已暂停";
    // Formats
    WFmtSnowflake => "Snowflake", "雪花算法";
    WFmtSonyflake => "Sonyflake", "Sonyflake";
    WFmtBaidu => "Baidu uid-generator", "百度 uid-generator";
    WFmtUuidV4 => "UUID v4", "UUID v4";
    WFmtUuidV7 => "UUID v7", "UUID v7";
    WFmtCounter => "counter", "计数器";
    // Bit fields
    WSign => "sign", "符号位";
    WTimestamp => "timestamp (ms)", "时间戳（毫秒）";
    WSonyTime => "time (10 ms)", "时间（10 毫秒）";
    WDatacenter => "datacenter", "数据中心";
    WWorker => "worker", "工作机器号";
    WSequence => "sequence", "序列号";
    WMachine => "machine ID", "机器 ID";
    WDeltaSeconds => "seconds since epoch", "自纪元起的秒数";
    WRandom => "random", "随机位";
    WVersion => "version", "版本";
    WVariant => "variant", "变体";
    WUnixMs => "Unix ms", "Unix 毫秒";
    WRandA => "rand_a", "随机位 a";
    WRandB => "rand_b", "随机位 b";
    WValue => "value", "值";
    // Events
    WIssued => "issued", "发放";
    WRollbackWait => "waits out rollback", "等待回拨";
    WSequenceWait => "sequence used up", "序列号用尽";
    WSegmentFetched => "segment fetched", "取到号段";
    WWorkerAssigned => "worker ID assigned", "分配 worker ID";
    WWorkerCached => "worker ID from cache", "从缓存取 worker ID";
    WStartRefused => "start refused", "拒绝启动";
    WReloaded => "reloaded", "重新加载";
    WPromoted => "promoted", "被提升为主";
    WIdRefused => "refused", "拒绝";
    // Notes and inspector rows
    WMaxId => "max_id", "已分配上限 max_id";
    WNextId => "next id", "下一个 id";
    WWorkers => "workers", "worker 数";
    WSegment => "segment", "号段";
    WSkew => "clock skew", "时钟偏差";
    WFailed => "failed", "失败";
    WRole => "role", "角色";
    WState => "state", "状态";
    WLife => "boots", "启动次数";
    WLocalClock => "local clock", "本地时钟";
    // Invariants
    InvUnique => "Unique IDs", "ID 唯一";
    InvMonotonic => "Monotonic Per Generator", "每个生成器单调递增";
}

/// A named scenario's title and one sentence on what it shows, in `lang`.
pub fn scenario_text(lang: Lang, named: Named) -> (&'static str, &'static str) {
    let (name, what) = match named {
        Named::SnowflakeDecoded => (Key::NSnowflakeDecoded, Key::DSnowflakeDecoded),
        Named::SequenceExhaustion => (Key::NSequenceExhaustion, Key::DSequenceExhaustion),
        Named::RollbackIgnored => (Key::NRollbackIgnored, Key::DRollbackIgnored),
        Named::RollbackRefused => (Key::NRollbackRefused, Key::DRollbackRefused),
        Named::RollbackWaited => (Key::NRollbackWaited, Key::DRollbackWaited),
        Named::DuplicateWorkerId => (Key::NDuplicateWorkerId, Key::DDuplicateWorkerId),
        Named::RestartBehind => (Key::NRestartBehind, Key::DRestartBehind),
        Named::LeafWorkerIds => (Key::NLeafWorkerIds, Key::DLeafWorkerIds),
        Named::BaiduFreshWorker => (Key::NBaiduFreshWorker, Key::DBaiduFreshWorker),
        Named::IndexUuidV4 => (Key::NIndexUuidV4, Key::DIndexUuidV4),
        Named::IndexUuidV7 => (Key::NIndexUuidV7, Key::DIndexUuidV7),
        Named::IndexSnowflake => (Key::NIndexSnowflake, Key::DIndexSnowflake),
        Named::SingleDatabaseDown => (Key::NSingleDatabaseDown, Key::DSingleDatabaseDown),
        Named::MultiMaster => (Key::NMultiMaster, Key::DMultiMaster),
        Named::AddedDatabase => (Key::NAddedDatabase, Key::DAddedDatabase),
        Named::SegmentDbOutage => (Key::NSegmentDbOutage, Key::DSegmentDbOutage),
        Named::SegmentNoDoubleBuffer => (Key::NSegmentNoDoubleBuffer, Key::DSegmentNoDoubleBuffer),
        Named::SegmentNonAtomic => (Key::NSegmentNonAtomic, Key::DSegmentNonAtomic),
        Named::SegmentServerCrash => (Key::NSegmentServerCrash, Key::DSegmentServerCrash),
        Named::RedisRdbRestart => (Key::NRedisRdbRestart, Key::DRedisRdbRestart),
        Named::RedisAofEverysec => (Key::NRedisAofEverysec, Key::DRedisAofEverysec),
        Named::RedisAofAlways => (Key::NRedisAofAlways, Key::DRedisAofAlways),
        Named::RedisReplicaFailover => (Key::NRedisReplicaFailover, Key::DRedisReplicaFailover),
        Named::RaftSegmentLeaderKill => (Key::NRaftSegmentLeaderKill, Key::DRaftSegmentLeaderKill),
    };
    (t(lang, name), t(lang, what))
}

/// What a named scenario scales from the real system, if anything, in `lang`.
/// What to watch as a failure scenario of a bug toggle plays into its violation, in `lang`.
pub fn watch_text(lang: Lang, named: Named) -> Option<&'static str> {
    let key = match named {
        Named::RollbackIgnored => Key::WRollbackIgnored,
        Named::DuplicateWorkerId => Key::WDuplicateWorkerId,
        Named::AddedDatabase => Key::WAddedDatabase,
        Named::SegmentNonAtomic => Key::WSegmentNonAtomic,
        _ => return None,
    };
    Some(t(lang, key))
}

/// What a named scenario scales, in `lang`.
pub fn scenario_scaled(lang: Lang, named: Named) -> Option<&'static str> {
    let key = match named {
        Named::IndexUuidV4 | Named::IndexUuidV7 | Named::IndexSnowflake => Key::ScaledIndex,
        Named::RedisRdbRestart => Key::ScaledRdb,
        Named::RedisReplicaFailover => Key::ScaledReplica,
        Named::SegmentDbOutage | Named::SegmentNoDoubleBuffer => Key::ScaledSegment,
        Named::SegmentNonAtomic => Key::ScaledNonAtomic,
        Named::RaftSegmentLeaderKill => Key::ScaledRaftSegment,
        _ => return None,
    };
    Some(t(lang, key))
}

/// A scenario outcome in `lang`.
pub fn outcome_text(lang: Lang, outcome: Outcome) -> &'static str {
    t(
        lang,
        match outcome {
            Outcome::Duplicate => Key::OutDuplicate,
            Outcome::Unique => Key::OutUnique,
            Outcome::Unavailable => Key::OutUnavailable,
            Outcome::Gaps => Key::OutGaps,
            Outcome::StartRefused => Key::OutStartRefused,
        },
    )
}

/// A generator's name and one sentence on what it guards against (or not), in `lang`.
pub fn generator_text(lang: Lang, generator: Generator) -> (&'static str, &'static str) {
    let (name, why) = match generator {
        Generator::Snowflake => (Key::GenSnowflake, Key::GenSnowflakeWhy),
        Generator::Sonyflake => (Key::GenSonyflake, Key::GenSonyflakeWhy),
        Generator::Baidu => (Key::GenBaidu, Key::GenBaiduWhy),
        Generator::UuidV4 => (Key::GenUuidV4, Key::GenUuidV4Why),
        Generator::UuidV7 => (Key::GenUuidV7, Key::GenUuidV7Why),
        Generator::Database => (Key::GenDatabase, Key::GenDatabaseWhy),
        Generator::Segment => (Key::GenSegment, Key::GenSegmentWhy),
        Generator::Redis => (Key::GenRedis, Key::GenRedisWhy),
        Generator::RaftSegment => (Key::GenRaftSegment, Key::GenRaftSegmentWhy),
    };
    (t(lang, name), t(lang, why))
}

/// A clock-rollback policy's name in `lang`.
pub fn rollback_name(lang: Lang, rollback: Rollback) -> &'static str {
    t(
        lang,
        match rollback {
            Rollback::Twitter => Key::RbTwitter,
            Rollback::Leaf => Key::RbLeaf,
            Rollback::Sonyflake => Key::RbSonyflake,
            Rollback::Ignore => Key::RbIgnore,
        },
    )
}

/// A Redis persistence mode's name in `lang`.
pub fn persistence_name(lang: Lang, persistence: Persistence) -> &'static str {
    t(
        lang,
        match persistence {
            Persistence::None => Key::PNone,
            Persistence::Rdb => Key::PRdb,
            Persistence::AofEverysec => Key::PAofEverysec,
            Persistence::AofAlways => Key::PAofAlways,
        },
    )
}

/// A bug switch's label and one sentence on what the correct way guards against, in `lang`.
pub fn bug_text(lang: Lang, bug: IdBug) -> (&'static str, &'static str) {
    let (name, why) = match bug {
        IdBug::DuplicateWorkerId => (Key::DupWorkerLabel, Key::DupWorkerWhy),
        IdBug::NonAtomicSegment => (Key::NonAtomicLabel, Key::NonAtomicWhy),
        IdBug::NoDoubleBuffer => (Key::NoDoubleBufferLabel, Key::NoDoubleBufferWhy),
        IdBug::AddedDatabaseNotRestepped => (Key::AddedDbLabel, Key::AddedDbWhy),
    };
    (t(lang, name), t(lang, why))
}

/// A violation's sentence in `lang`, from its code and facts (the engine's English if the code is unknown).
pub fn violation_text(lang: Lang, violation: &crate::sim::Violation) -> String {
    let key = match violation.code {
        "duplicate_id" => Key::DuplicateId,
        "not_monotonic" => Key::NotMonotonic,
        _ => return violation.explanation.clone(),
    };
    crate::sim::fill_facts(t(lang, key), &violation.facts)
}

/// An IDs-lab word (role, status, format, bit field, event, note, invariant) in `lang`, if it is one.
pub fn word(lang: Lang, word: &str) -> Option<&'static str> {
    let key = match word {
        "app" => Key::WApp,
        "database" => Key::WDatabase,
        "redis" => Key::WRedis,
        "replica" => Key::WReplica,
        "coordinator" => Key::WCoordinator,
        "segment_server" => Key::WSegmentServer,
        "store_member" => Key::WStoreMember,
        "raft_role" => Key::WRaftRole,
        "starting" => Key::WStarting,
        "running" => Key::WRunning,
        "waiting" => Key::WWaiting,
        "refused" => Key::WRefused,
        "down" => Key::WDown,
        "paused" => Key::WPaused,
        "snowflake" => Key::WFmtSnowflake,
        "sonyflake" => Key::WFmtSonyflake,
        "baidu_uid" => Key::WFmtBaidu,
        "uuid_v4" => Key::WFmtUuidV4,
        "uuid_v7" => Key::WFmtUuidV7,
        "counter" => Key::WFmtCounter,
        "sign" => Key::WSign,
        "timestamp" => Key::WTimestamp,
        "datacenter" => Key::WDatacenter,
        "worker" => Key::WWorker,
        "sequence" => Key::WSequence,
        "machine" => Key::WMachine,
        "delta_seconds" => Key::WDeltaSeconds,
        "random" => Key::WRandom,
        "version" => Key::WVersion,
        "variant" => Key::WVariant,
        "unix_ms" => Key::WUnixMs,
        "rand_a" => Key::WRandA,
        "rand_b" => Key::WRandB,
        "value" => Key::WValue,
        "issued" => Key::WIssued,
        "rollback_wait" => Key::WRollbackWait,
        "sequence_wait" => Key::WSequenceWait,
        "segment_fetched" => Key::WSegmentFetched,
        "worker_assigned" => Key::WWorkerAssigned,
        "worker_cached" => Key::WWorkerCached,
        "start_refused" => Key::WStartRefused,
        "reloaded" => Key::WReloaded,
        "promoted" => Key::WPromoted,
        "max_id" => Key::WMaxId,
        "next_id" => Key::WNextId,
        "workers" => Key::WWorkers,
        "segment" => Key::WSegment,
        "skew" => Key::WSkew,
        "failed" => Key::WFailed,
        "role" => Key::WRole,
        "state" => Key::WState,
        "life" => Key::WLife,
        "local_clock" => Key::WLocalClock,
        "Unique IDs" => Key::InvUnique,
        "Monotonic Per Generator" => Key::InvMonotonic,
        _ => return None,
    };
    Some(t(lang, key))
}

/// A bit field's name in `lang` (Sonyflake's time field counts 10 ms units).
pub fn field_name(lang: Lang, format: crate::lab::ids::decode::IdFormat, field: &'static str) -> &'static str {
    use crate::lab::ids::decode::IdFormat;
    match (format, field) {
        (IdFormat::Sonyflake, "timestamp") => t(lang, Key::WSonyTime),
        _ => id_word(lang, field),
    }
}

/// An IDs-lab word in `lang`, first in this lab's vocabulary (where "segment" is a 号段, "failed"
/// a request), then the shell's; any other word as it is.
pub fn id_word(lang: Lang, w: &'static str) -> &'static str {
    word(lang, w).unwrap_or_else(|| super::word(lang, w))
}

/// Inspector rows as (label, value), both in `lang`, in this lab's vocabulary first.
pub fn id_note_rows(lang: Lang, rows: &[crate::lab::view::Note]) -> Vec<(String, String)> {
    rows.iter()
        .map(|n| {
            let value = n.value_word.map_or_else(|| n.value.clone(), |v| id_word(lang, v).to_string());
            (id_word(lang, n.word).to_string(), value)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::idgen::checker::{english, INVARIANTS};
    use crate::lab::ids::decode::IdFormat;
    use crate::lab::ids::view::{AppStatus, Role};
    use crate::sim::{fill_facts, Violation};

    const ROLES: [Role; 7] = [
        Role::App,
        Role::Database,
        Role::Redis,
        Role::RedisReplica,
        Role::Coordinator,
        Role::SegmentServer,
        Role::StoreMember,
    ];
    const STATUSES: [AppStatus; 6] = [
        AppStatus::Starting,
        AppStatus::Running,
        AppStatus::Waiting,
        AppStatus::Refused,
        AppStatus::Down,
        AppStatus::Paused,
    ];
    const FORMATS: [IdFormat; 6] = [
        IdFormat::Twitter,
        IdFormat::Sonyflake,
        IdFormat::Baidu,
        IdFormat::UuidV4,
        IdFormat::UuidV7,
        IdFormat::Counter,
    ];

    /// Every word of the view model: roles, statuses, formats, bit fields, events, invariants.
    fn vocabulary() -> Vec<&'static str> {
        let mut words: Vec<&'static str> = ROLES.iter().map(|r| r.name()).collect();
        words.extend(STATUSES.iter().map(|s| s.name()));
        words.extend(FORMATS.iter().map(|f| f.name()));
        words.extend(FORMATS.iter().flat_map(|f| f.fields()).map(|(name, _)| name));
        words.extend(INVARIANTS);
        words.extend([
            "issued",
            "refused",
            "rollback_wait",
            "sequence_wait",
            "segment_fetched",
            "worker_assigned",
            "worker_cached",
            "start_refused",
            "reloaded",
            "promoted",
        ]);
        words
    }

    #[test]
    fn a_lesson_is_a_scenario_that_issues_a_duplicate_and_says_what_to_watch_in_both_languages() {
        use crate::lab::ids::scenarios::{Named, Outcome};
        for named in Named::ALL {
            if let Some(en) = watch_text(Lang::En, named) {
                assert_eq!(named.outcome(), Outcome::Duplicate, "{named:?}");
                assert_ne!(Some(en), watch_text(Lang::Zh, named), "{named:?}");
            }
        }
    }

    #[test]
    fn every_word_of_the_view_model_has_a_chinese_translation() {
        for w in vocabulary() {
            let zh = word(Lang::Zh, w).unwrap_or_else(|| panic!("{w} is not in the IDs vocabulary"));
            assert_ne!(zh, w, "{w}");
            assert!(word(Lang::En, w).is_some(), "{w}");
        }
    }

    #[test]
    fn every_event_of_the_engine_is_a_translated_word() {
        use crate::idgen::{Generator, IdEvent, Refusal};
        use crate::lab::ids::view::describe_event;
        let events = [
            IdEvent::Issued { id: 1, generator: Generator::Snowflake },
            IdEvent::Refused { reason: Refusal::ClockRollback, behind_us: 1 },
            IdEvent::Waiting { until_unix_us: 1, rollback: true },
            IdEvent::Waiting { until_unix_us: 1, rollback: false },
            IdEvent::SegmentFetched { start: 1, end: 2 },
            IdEvent::WorkerAssigned { worker_id: 1, cached: true },
            IdEvent::WorkerAssigned { worker_id: 1, cached: false },
            IdEvent::StartRefused { reported_ms: 2, clock_ms: 1 },
            IdEvent::Reloaded { value: 1 },
            IdEvent::Promoted,
            IdEvent::StoreRole { role: crate::raft::types::Role::Leader, term: 2 },
            IdEvent::StoreRole { role: crate::raft::types::Role::PreCandidate, term: 2 },
        ];
        for e in &events {
            let (name, _) = describe_event(e);
            assert_ne!(crate::ui::i18n::word(Lang::Zh, name), name, "{name}");
        }
    }

    #[test]
    fn every_inspector_label_and_node_note_of_every_generator_is_translated() {
        use crate::lab::ids::view::{node_rows, view};
        for named in [
            Named::LeafWorkerIds,
            Named::MultiMaster,
            Named::SegmentDbOutage,
            Named::RedisReplicaFailover,
            Named::BaiduFreshWorker,
            Named::RaftSegmentLeaderKill,
        ] {
            let mut run = crate::lab::ids::timeline(named.scenario(), 100);
            run.seek(crate::sim::ms(1_500));
            for node in 0..run.world().node_count() {
                for note in node_rows(run.world(), node).unwrap_or_default() {
                    assert_ne!(id_word(Lang::Zh, note.word), note.word, "{named:?} N{node}: {}", note.word);
                    if let Some(v) = note.value_word {
                        assert_ne!(id_word(Lang::Zh, v), v, "{named:?} N{node}: {v}");
                    }
                }
            }
            for node in view(&run, 10).cluster.nodes {
                assert_ne!(id_word(Lang::Zh, node.role), node.role);
                for note in node.lines {
                    assert_ne!(id_word(Lang::Zh, note.word), note.word, "{named:?}: {}", note.word);
                }
            }
        }
    }

    #[test]
    fn every_violation_code_reads_in_both_languages() {
        let facts = vec![
            ("id", "42".to_string()),
            ("first", "3".to_string()),
            ("first_t", "1000".to_string()),
            ("node", "4".to_string()),
            ("t", "2000".to_string()),
            ("last", "43".to_string()),
        ];
        for code in ["duplicate_id", "not_monotonic"] {
            let v = Violation {
                invariant: INVARIANTS[0],
                t: 0,
                nodes: vec![],
                explanation: fill_facts(english(code), &facts),
                code,
                facts: facts.clone(),
                trace_seq: 0,
            };
            let (en, zh) = (violation_text(Lang::En, &v), violation_text(Lang::Zh, &v));
            assert_eq!(en, v.explanation, "{code}");
            assert_ne!(zh, en);
            assert!(!zh.contains('{'), "{zh}");
        }
    }

    #[test]
    fn every_scenario_generator_and_switch_reads_in_both_languages() {
        for named in Named::ALL {
            let (en, zh) = (scenario_text(Lang::En, named), scenario_text(Lang::Zh, named));
            assert_ne!(en.0, zh.0, "{named:?}");
            assert_ne!(en.1, zh.1, "{named:?}");
            assert_eq!(en.1, named.description(), "{named:?}: the page says what the lab says");
            assert_ne!(outcome_text(Lang::En, named.outcome()), outcome_text(Lang::Zh, named.outcome()));
        }
        use crate::idgen::Generator::*;
        for g in [Snowflake, Sonyflake, Baidu, UuidV4, UuidV7, Database, Segment, Redis, RaftSegment] {
            assert_ne!(generator_text(Lang::En, g).1, generator_text(Lang::Zh, g).1);
        }
        for r in [Rollback::Twitter, Rollback::Leaf, Rollback::Sonyflake, Rollback::Ignore] {
            assert_ne!(rollback_name(Lang::En, r), rollback_name(Lang::Zh, r));
        }
        for b in
            [IdBug::DuplicateWorkerId, IdBug::NonAtomicSegment, IdBug::NoDoubleBuffer, IdBug::AddedDatabaseNotRestepped]
        {
            assert_ne!(bug_text(Lang::En, b).1, bug_text(Lang::Zh, b).1);
        }
    }
}
