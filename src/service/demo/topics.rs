//! What the demo day's citizens write to the hall (网民留言), which department each belongs to,
//! and the answer it gets.

/// A message a citizen might write, the department it belongs to and its answer.
pub struct Topic {
    pub kind: &'static str,
    pub title: &'static str,
    pub body: &'static str,
    pub department: &'static str,
    pub answer: &'static str,
}

pub const TOPICS: &[Topic] = &[
    Topic {
        kind: "consultation",
        title: "新生儿医保和社保卡可以一起办吗",
        body: "孩子上个月出生，想问一下出生证、户口、医保和社保卡能不能一次办完，需要带哪些材料？",
        department: "RSJ",
        answer: "可以。大厅提供“新生儿出生一件事”，在综合窗口一次申请即可，材料清单可在自助终端“办事指南”中查询并打印。",
    },
    Topic {
        kind: "consultation",
        title: "开餐馆要跑几次",
        body: "准备在高新区开一家小饭店，营业执照、食品经营许可和招牌都要办，请问要跑几个部门？",
        department: "SCJGJ",
        answer: "“开办餐饮店一件事”一窗受理、统一出件，材料齐全只需到大厅一次，结果可选择邮寄。",
    },
    Topic {
        kind: "suggestion",
        title: "建议延长周六服务时间",
        body: "上班族平时请假不方便，建议大厅周六上午也能办理社保和户籍业务。",
        department: "GWH",
        answer: "感谢您的建议。大厅已研究在周六上午开设综合窗口延时服务，具体安排将在门户网站公布。",
    },
    Topic {
        kind: "complaint",
        title: "排水许可审批等太久",
        body: "我们公司的排水许可申请已经提交一周，网上查询一直显示审批中，希望尽快处理。",
        department: "GYSYJ",
        answer: "经核查，该申请在法定时限内，因现场勘验排期稍有延后，现已完成勘验，将于承诺时限内办结。",
    },
    Topic {
        kind: "consultation",
        title: "政府信息公开申请多久答复",
        body: "我想申请公开某项目的环评文件，请问提交申请后多长时间能得到答复？",
        department: "GWH",
        answer: "能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复，需要延长的另行告知。",
    },
    Topic {
        kind: "suggestion",
        title: "自助机字太小",
        body: "老年人用自助取号机时看不清，建议字体再大一些，并且增加语音提示。",
        department: "GWH",
        answer: "已将取号机调整为大字模式，叫号屏同时语音播报，欢迎继续提出意见。",
    },
    Topic {
        kind: "complaint",
        title: "窗口让我回去补材料",
        body: "办理施工许可时第一次没说清楚缺什么材料，第二次去又让补别的，跑了两趟。",
        department: "JSGLJ",
        answer: "经核实，窗口已按一次性告知制度整改，缺少的材料须一次列明；对相关工作人员已批评教育。",
    },
];
