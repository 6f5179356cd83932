export default {
  app: { title: '培训监管', offline: '网络已断开，已保存的上传将在恢复后继续' },
  nav: { classes: '班级', uploads: '上传', me: '我的', review: '审核', sample: '抽查', dashboard: '进度', certificates: '证书', verify: '证书查验' },
  login: {
    title: '登录', username: '用户名', password: '密码', submit: '登录',
    wrong: '用户名或密码错误', locked: '登录失败次数过多，账号已暂时锁定', network: '无法连接服务器，请检查网络', required: '请填写',
  },
  me: { logout: '退出登录', language: '语言', role: '角色', region: '地区', organization: '单位' },
  roles: {
    PROVINCE_ADMIN: '省级管理员', REGION_OFFICIAL: '人社部门', FINANCE_OFFICER: '财政部门', INSPECTOR: '监管人员',
    INSTITUTION_STAFF: '培训机构', TRAINEE: '学员',
  },
  categories: {
    WORK_IN_LIEU: '以工代训', ENTERPRISE_EMPLOYEE: '企业职工培训', KEY_GROUP: '重点群体培训', ENTREPRENEURSHIP: '创业培训',
    APPRENTICESHIP: '新型学徒制', CERTIFICATION_UNIT: '等级认定机构', FUND_SPENDING: '专账资金支出',
  },
  status: {
    DRAFT: '草稿', SUBMITTED: '已提交', APPROVED: '已批准', IN_PROGRESS: '培训中', COMPLETED: '已结业', REJECTED: '已驳回', CANCELLED: '已取消',
    UPLOADING: '上传中', VERIFIED: '已校验', FAILED: '失败',
  },
  classes: {
    empty: '暂无班级', new: '开班', occupation: '职业（工种）', category: '类别', headcount: '核定人数', effective: '有效人数',
    start: '开班日期', end: '结业日期', venue: '培训地点', lat: '纬度', lon: '经度', create: '保存草稿', submit: '提交审批',
    approve: '批准', begin: '开班', enroll: '学员报名', enrollHint: '每行一人：姓名,身份证号,手机号（可选）', enrollSubmit: '报名',
    attendance: '开班考勤', attendanceSave: '保存考勤', present: '到课', record: '上传考勤与监管材料', capture: '拍摄', pickFile: '选择文件', kind: '材料类型',
    supervised: '已远程监管', enrolled: '已报名', status: '状态', noEnrolled: '还没有学员报名', recordHint: '可直接用手机摄像头拍摄，或选择已有文件；上传在后台进行，可离开此页面。',
  },
  kinds: { ATTENDANCE_VIDEO: '开班考勤视频', SUPERVISION_RECORDING: '远程监管录像', PHOTO: '照片', SIGN_IN_SHEET: '签到表' },
  uploads: {
    empty: '没有上传任务', hashing: '正在计算校验值', uploading: '正在上传', paused: '已暂停', completing: '正在校验',
    verified: '上传完成并已校验', failed: '上传失败', pause: '暂停', resume: '继续', retry: '重试', cancel: '取消',
    speed: '速度', storageFull: '手机存储空间不足，无法保存视频', queued: '等待中',
    remove: '移除', hashed: '已校验 {pct}%', left: '剩余约 {time}', waitingNetwork: '等待网络恢复…',
    errors: {
      storageFull: '手机存储空间不足，无法保存视频。请清理空间后重新拍摄或选择。',
      fileGone: '手机上保存的视频已不存在（可能被浏览器清理），请重新选择文件。',
      network: '网络中断，已上传的部分不会丢失。网络恢复后将自动继续，也可点“重试”。',
      rejected: '服务器拒绝了这个文件：',
      serverFailed: '服务器校验未通过，文件已作废。点“重试”将重新计算校验值并重新上传。',
      hashing: '无法读取视频文件，请重新选择。',
    },
  },
  review: {
    empty: '没有待审核的材料', accept: '通过', reject: '不通过', onsite: '需现场核查', reason: '原因', play: '播放',
    flags: { DUPLICATE_CONTENT: '重复视频', OUT_OF_SCHEDULE: '不在培训时间', OUT_OF_PLACE: '不在培训地点' },
    decided: '已审核', filter: '筛选', decide: '审核', reasonRequired: '不通过时请填写原因', reasonHint: '不通过时必填',
    decisions: { ACCEPTED: '已通过', REJECTED: '未通过', ON_SITE_REQUIRED: '需现场核查' },
  },
  sample: { rate: '抽查比例', seed: '随机种子', draw: '抽取', result: '抽中班级', population: '班级总数' },
  verify: {
    title: '证书查验', number: '证书编号', name: '持证人姓名', submit: '查验',
    VALID: '证书有效', REVOKED: '证书已撤销', PENDING_ELECTRONIC: '电子证书生成中（编号可作为补贴凭证）', NOT_FOUND: '未查到该证书（请核对编号和姓名）',
    issuer: '发证机构', issuedAt: '发证日期', holder: '持证人', idNumber: '身份证号', level: '等级', kind: '证书类型',
  },
  certificates: { empty: '还没有证书：结业考核通过后在这里显示' },
  dashboard: { target: '目标', achieved: '完成', rate: '完成率', elapsed: '时间进度', lagging: '滞后', notTracked: '暂未统计' },
  errors: {
    NETWORK: '无法连接服务器，请检查网络后重试', UNAUTHENTICATED: '登录已过期，请重新登录', FORBIDDEN: '没有权限进行此操作',
    TOO_MANY_REQUESTS: '操作太频繁，请稍后再试', INTERNAL: '服务器出错了，请稍后再试',
  },
  common: { save: '保存', cancel: '取消', ok: '确定', loading: '加载中…', error: '出错了', back: '返回', comingSoon: '该功能即将推出' },
}
