//! Chinese text for generated articles: sentences of common words put together as Chinese
//! writes them (a time, a subject, an adverb, a verb, an object; a place; a clause joined by a
//! conjunction), with Chinese punctuation and no spaces, so that a search index meets what a
//! Chinese feed holds: runs of characters with no word boundary in sight. Shared by the
//! benches (`mod common`) and the generator (`examples/gen.rs`), each with its own random
//! numbers. No digits: numbers are written in characters, as a status line's `N of M` must not
//! be imitated by an article.

/// A source of random numbers: uniform in `0..n`.
pub trait Draw {
    fn below(&mut self, n: usize) -> usize;
}

/// Picks from `words`, the first ones more often (the square of a uniform number).
fn pick(draw: &mut impl Draw, words: &[&'static str]) -> &'static str {
    let unit = draw.below(1 << 20);
    words[(((unit * unit) >> 20) * words.len()) >> 20]
}

#[rustfmt::skip]
const TIMES: &[&str] = &[
    "今天", "昨天", "最近", "今年", "去年", "上周", "近日", "目前", "本月", "周末", "早上",
    "晚上", "明年", "春天", "夏天", "秋天", "冬天", "过去三年", "上个月", "下周",
];
#[rustfmt::skip]
const PLACES: &[&str] = &[
    "北京", "上海", "广州", "深圳", "杭州", "成都", "南京", "武汉", "香港", "台北", "东京",
    "首尔", "欧洲", "美国", "全国", "城市", "农村", "海边", "山区", "港口", "西安", "重庆",
    "天津", "苏州", "厦门", "青岛", "长沙", "郑州", "新加坡", "伦敦",
];
#[rustfmt::skip]
const SUBJECTS: &[&str] = &[
    "政府", "研究人员", "科学家", "工程师", "记者", "学生", "老师", "医生", "农民", "渔民",
    "居民", "游客", "企业", "公司", "市民", "专家", "团队", "年轻人", "委员会", "开发者",
    "用户", "消费者", "投资者", "工人", "司机", "志愿者", "作家", "音乐家", "运动员", "市长",
];
#[rustfmt::skip]
const ADVERBS: &[&str] = &[
    "正在", "已经", "终于", "再次", "开始", "继续", "首次", "逐步", "共同", "积极", "迅速",
    "仍然", "不断", "悄悄", "公开", "正式", "全面", "进一步", "重新", "一直",
];
#[rustfmt::skip]
const VERBS: &[&str] = &[
    "发布了", "宣布了", "讨论", "研究", "推出了", "发现了", "建设", "改善", "支持", "提高了",
    "降低了", "关注", "报道了", "测试了", "完成了", "参观了", "使用", "开发", "介绍了",
    "调查", "批评", "保护", "修复了", "扩大了", "减少了", "投资", "升级了", "规划", "展示了",
    "记录了",
];
#[rustfmt::skip]
const ADJECTIVES: &[&str] = &[
    "新的", "重要的", "大型", "小型", "先进的", "传统的", "当地的", "年轻的", "稳定的",
    "公开的", "便宜的", "昂贵的", "安全的", "绿色", "开放的", "复杂的", "简单的", "古老的",
];
#[rustfmt::skip]
const OBJECTS: &[&str] = &[
    "人工智能", "智能手机", "新能源汽车", "电池", "地铁线路", "图书馆", "茶叶", "渡轮",
    "数据中心", "软件", "算法", "模型", "网络", "服务", "技术", "计划", "报告", "政策",
    "价格", "经济", "市场", "天气", "气候变化", "水位", "森林", "鸟类", "农业", "教育",
    "医疗", "交通", "住房", "旅游", "文化", "音乐", "电影", "足球", "比赛", "选举", "能源",
    "安全", "数据", "搜索引擎", "机器学习", "开源项目", "芯片", "云计算", "博物馆", "大学",
    "医院", "机场", "铁路", "公路", "桥梁", "港口", "工厂", "出口", "预算", "利率", "房租",
    "智能系统", "推荐算法", "外卖平台", "配送网络", "支付系统", "数据库", "编程语言",
];
#[rustfmt::skip]
const JOINS: &[&str] = &[
    "因为", "所以", "但是", "同时", "而且", "此外", "然而", "不过", "因此", "另外",
];
#[rustfmt::skip]
const AMOUNTS: &[&str] = &[
    "百分之三", "百分之十", "一半", "三倍", "两成", "百分之五十", "十几个", "几千名", "一百多家",
];

/// One sentence, with its final punctuation, and how many words it holds (as an English
/// sentence counts them: a time, a subject, a verb, an object are a word each).
pub fn sentence(draw: &mut impl Draw) -> (String, usize) {
    let mut s = String::new();
    let words = match draw.below(8) {
        0 | 1 => {
            s.push_str(pick(draw, TIMES));
            s.push('，');
            s.push_str(pick(draw, SUBJECTS));
            s.push_str(pick(draw, ADVERBS));
            s.push_str(pick(draw, VERBS));
            s.push_str(pick(draw, ADJECTIVES));
            s.push_str(pick(draw, OBJECTS));
            6
        }
        2 => {
            s.push('在');
            s.push_str(pick(draw, PLACES));
            s.push('，');
            s.push_str(pick(draw, SUBJECTS));
            s.push_str(pick(draw, VERBS));
            s.push_str(pick(draw, OBJECTS));
            s.push('的');
            s.push_str(pick(draw, OBJECTS));
            8
        }
        3 => {
            s.push('据');
            s.push_str(pick(draw, SUBJECTS));
            s.push_str("介绍，");
            s.push_str(pick(draw, PLACES));
            s.push('的');
            s.push_str(pick(draw, OBJECTS));
            s.push_str(pick(draw, TIMES));
            s.push_str(if draw.below(2) == 0 {
                "提高了"
            } else {
                "下降了"
            });
            s.push_str(pick(draw, AMOUNTS));
            9
        }
        4 => {
            s.push_str(pick(draw, SUBJECTS));
            s.push('和');
            s.push_str(pick(draw, SUBJECTS));
            s.push_str("一起");
            s.push_str(pick(draw, VERBS));
            s.push_str(pick(draw, OBJECTS));
            s.push('，');
            s.push_str(pick(draw, JOINS));
            s.push_str(pick(draw, ADVERBS));
            s.push_str(pick(draw, VERBS));
            s.push_str(pick(draw, OBJECTS));
            10
        }
        5 => {
            s.push_str(pick(draw, JOINS));
            s.push('，');
            s.push_str(pick(draw, SUBJECTS));
            s.push_str("认为");
            s.push_str(pick(draw, OBJECTS));
            s.push('对');
            s.push_str(pick(draw, PLACES));
            s.push('的');
            s.push_str(pick(draw, OBJECTS));
            s.push_str(if draw.below(2) == 0 {
                "很重要"
            } else {
                "影响很大"
            });
            9
        }
        6 => {
            s.push_str(pick(draw, PLACES));
            s.push('的');
            s.push_str(pick(draw, ADJECTIVES));
            s.push_str(pick(draw, OBJECTS));
            s.push_str(pick(draw, ADVERBS));
            s.push_str("吸引了");
            s.push_str(pick(draw, AMOUNTS));
            s.push_str(pick(draw, SUBJECTS));
            7
        }
        _ => {
            s.push_str(pick(draw, SUBJECTS));
            s.push('把');
            s.push_str(pick(draw, OBJECTS));
            s.push_str("带到了");
            s.push_str(pick(draw, PLACES));
            s.push('，');
            s.push_str(pick(draw, OBJECTS));
            s.push_str(pick(draw, ADVERBS));
            s.push_str(pick(draw, VERBS));
            8
        }
    };
    s.push(match draw.below(20) {
        0 => '？',
        1 => '！',
        _ => '。',
    });
    (s, words)
}

/// Sentences of about `words` words in all.
pub fn sentences(draw: &mut impl Draw, words: usize) -> String {
    let mut text = String::new();
    let mut count = 0;
    while count < words {
        let (sentence, n) = sentence(draw);
        text.push_str(&sentence);
        count += n;
    }
    text
}

/// A headline: a place and a subject, what they did, to what.
pub fn title(draw: &mut impl Draw) -> String {
    match draw.below(4) {
        0 => format!(
            "{}{}{}{}",
            pick(draw, PLACES),
            pick(draw, SUBJECTS),
            pick(draw, VERBS),
            pick(draw, OBJECTS)
        ),
        1 => format!(
            "为什么{}{}很重要",
            pick(draw, ADJECTIVES),
            pick(draw, OBJECTS)
        ),
        2 => format!(
            "{}：{}{}{}",
            pick(draw, OBJECTS),
            pick(draw, SUBJECTS),
            pick(draw, ADVERBS),
            pick(draw, VERBS)
        ),
        _ => format!(
            "{}{}的{}取得新进展",
            pick(draw, TIMES),
            pick(draw, PLACES),
            pick(draw, OBJECTS)
        ),
    }
}

/// A short heading: a few words, no punctuation.
pub fn heading(draw: &mut impl Draw) -> String {
    format!("{}{}", pick(draw, ADJECTIVES), pick(draw, OBJECTS))
}
