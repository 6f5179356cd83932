package fault

// zhMessages says each message format of the API in Simplified Chinese, for
// requests that prefer it (Accept-Language). The keys are the English
// formats exactly as the code writes them; a test finds every format the
// code uses and fails when one has no sentence here. Use explicit argument
// indexes (%[2]s) when Chinese orders the arguments differently.
var zhMessages = map[string]string{
	"the special account of %s holds %s yuan and its pending payments come to %s yuan: an adjustment is asked for when the pre-allocation cannot cover them": "%s专账余额%s元，待支付的补贴共%s元：预拨资金不足以支付时才可申请调剂",
	"%d of %d rows are invalid: nothing was enrolled":                  "共%[2]d行中有%[1]d行有误，全部未报名，请改正后重新提交",
	"too many requests from this address: wait a minute and try again": "该网络地址的请求过于频繁，请一分钟后再试",
	"this has been asked about too often: wait a minute and try again": "该编号查询过于频繁，请一分钟后再试",
	"an ID is a string of digits, as the API gave it":                  "编号格式有误：应为系统给出的数字编号",
	"finance answers the consultation once HR agreed; this one is %s":  "人社部门同意后才由财政部门会商答复；该调剂申请当前状态为“%s”",
	"HR's opinion is given on a requested adjustment; this one is %s":  "人社部门只对已申请的调剂提出意见；该调剂申请当前状态为“%s”",
	// Fixed messages of the error presenter.
	"sign in to see this": "请先登录",
	"you may not do this": "没有权限进行此操作",
	"not found":           "未找到该记录",
	"this conflicts with an existing record (it may already exist)": "与已有记录冲突（可能已经存在）",
	"the request is malformed":                                      "请求格式有误，请检查填写的内容",
	"internal error":                                                "服务器出错了，请稍后再试",
	"invalid %s":                                                    "%s填写有误",

	// State machines (internal/lifecycle): the noun, then states.
	"%s that is %s cannot become %s":          "%[1]s当前状态为“%[2]s”，不能变为“%[3]s”",
	"your role may not make %s that is %s %s": "您的角色无权将状态为“%[2]s”的%[1]s改为“%[3]s”",

	// Sign-in and accounts.
	"wrong username or password":                                                                "用户名或密码错误",
	"too many failed sign-ins: this account is locked for %d minutes":                           "登录失败次数过多，账号已被锁定 %d 分钟",
	"too many failed sign-ins: this account is locked for %d more minutes":                      "登录失败次数过多，账号已被锁定，请 %d 分钟后再试",
	"the session has ended: sign in again":                                                      "登录已失效，请重新登录",
	"this refresh token was already used: the session has been ended for safety, sign in again": "该刷新令牌已被使用过，为保障账号安全，本次登录已失效，请重新登录",
	"this account has been deactivated":                                                         "该账号已停用",
	"not signed in":                                                                             "尚未登录",
	"the current password is wrong":                                                             "当前密码不正确",
	"institution staff need an organisation":                                                    "培训机构工作人员账号须关联所属单位",

	// Regions and campaigns.
	"no such region":                                                 "该行政区划不存在",
	"a region is required":                                           "请选择所属行政区划",
	"only a province has no parent region":                           "只有省级行政区划没有上级区划",
	"no such parent region":                                          "上级行政区划不存在",
	"a %s cannot be placed under a %s":                               "%[1]s行政区划不能设在%[2]s行政区划之下",
	"a campaign must end after it starts":                            "专项行动的结束日期须晚于开始日期",
	"only the province admin and region officials import targets":    "只有省级管理员和各地人社部门工作人员可以导入目标任务",
	"sign in to see progress":                                        "请先登录后查看工作进度",
	"progress is shown for your own region and the regions below it": "只能查看本地区及下辖地区的工作进度",

	// Trainees.
	"unknown key group %q":                    "未知的就业重点群体类别%q",
	"person %d is not enrolled in this class": "人员（编号 %d）未在本班级报名",
	"persons are enrolled until a class is completed or cancelled; this one is %s": "班级结业或取消后不能再报名学员，该班级当前状态为“%s”",
	"the list is empty":             "名单为空",
	"at most 2000 persons per list": "每份名单最多 2000 人",

	// Training classes.
	"no such organisation":                        "该单位不存在",
	"no such class":                               "该班级不存在",
	"a class must end on or after its start":      "班级结束日期不能早于开班日期",
	"class status changes one class at a time":    "班级状态须逐个班级变更",
	"the plan of a %s class can no longer change": "班级状态为“%s”，培训计划不能再修改",
	"a rejection needs a reason":                  "驳回时须填写理由",
	"opening-day attendance is recorded for approved or started classes, not a %s one": "只有已审批通过或培训中的班级才能登记开班当日到课人数，该班级当前状态为“%s”",

	// Evidence, uploads and remote supervision.
	"evidence is recorded for approved classes; this class is %s":                                        "只有已审批通过的班级才能上传佐证材料，该班级当前状态为“%s”",
	"content type %q is not accepted (use MP4, QuickTime or WebM video, JPEG or PNG, or PDF)":            "不支持文件类型%q，请上传常见格式的视频（如 MP4）、照片或扫描文档",
	"only verified evidence can be reviewed; this is %s":                                                 "只有校验通过的佐证材料才能审核，该材料当前状态为“%s”",
	"only verified evidence can be played; this is %s":                                                   "只有校验通过的佐证材料才能播放查看，该材料当前状态为“%s”",
	"sign in to upload evidence":                                                                         "请先登录后上传佐证材料",
	"the file is empty":                                                                                  "文件为空",
	"the file is larger than the limit of %d MiB":                                                        "文件超过 %d MB 的大小上限",
	"give both latitude and longitude, or neither":                                                       "经度和纬度须同时填写或同时不填",
	"a file name of 1 to 255 bytes is required":                                                          "请填写文件名（1 至 255 字节）",
	"only the user who began this upload may continue it":                                                "只有发起本次上传的用户才能继续上传",
	"ask for 1 to %d parts at a time":                                                                    "每次可申请 1 至 %d 个分片",
	"part %d is outside 1..%d":                                                                           "分片 %d 超出范围（应为 1 至 %d）",
	"this upload failed (%s): start a new one":                                                           "本次上传失败（%s），请重新发起上传",
	"all %d parts are needed, got %d":                                                                    "须上传全部 %d 个分片，目前收到 %d 个",
	"a part is missing or its ETag differs: ask evidenceUploadStatus and upload the missing parts again": "有分片缺失或校验标识不一致，请查询上传状态后重新上传缺失的分片",
	"the uploaded file does not match what the phone announced (%s): it was discarded, upload it again":  "上传的文件与手机端申报的信息不符（%s），已作废，请重新上传",
	"this upload is %s":                                                                                  "本次上传当前状态为“%s”",
	"the rate must be above 0 and at most 1":                                                             "抽查比例须大于 0 且不超过 1",
	"a seed is required so that the draw can be redone":                                                  "请填写随机种子，以便复核时重现抽取结果",

	// Certificates.
	"%s":                           "%s",
	"no such issuing organisation": "发证单位不存在",
	"a skill-level certificate needs a level from 5 (初级工) to 1 (高级技师)":        "职业技能等级证书须填写等级：5级（初级工）至1级（高级技师）",
	"an assessment certificate belongs to a class":                            "考核发放的证书须关联所属班级",
	"assessment results are recorded for completed classes; this class is %s": "只有已结业的班级才能登记考核结果，该班级当前状态为“%s”",
	"a revocation needs a reason":                                             "撤销证书时须填写理由",
	"only the province admin and region officials import certificates":        "只有省级管理员和各地人社部门工作人员可以导入证书",

	// Subsidy applications (R7, R12).
	"write the remark: the trainee's electronic certificate number stands as the voucher":                    "请填写备注：以该学员的电子培训合格证书编号作为补贴凭证",
	"only a trainee counted through an electronic-certificate voucher (R12) takes a remark":                  "只有以电子证书编号作为凭证（R12）计入的学员才需填写备注",
	"%d trainees are counted through an electronic-certificate voucher (R12) without the county HR's remark": "有 %d 名学员以电子证书编号作为凭证（R12）计入，但县级人社部门尚未在申请表上注明",
	"the public notice lasts at least 3 whole days: it ends at %s":                                           "公示期不少于3个整天，将于 %s 结束",
	"objections to this application are not all resolved":                                                    "该补贴申请的异议尚未全部处理完毕",
	"say why the case is complex: it gets 3 working days of review instead of the same day":                  "请说明情况复杂的原因：复杂申请的审核时限为3个工作日，而非当日办结",
	"this objection is already resolved":                                                                     "该异议已处理完毕",
	"say what the objection is":                                                                              "请填写异议内容",
	"say what the objection is, in at most 2000 characters":                                                  "请填写异议内容，不超过2000字",
	"a name of 1 to 64 characters is required":                                                               "请填写姓名（1至64个字）",
	"a phone number is required, so that the officials can reach you":                                        "请填写联系电话，以便工作人员与您联系",
	"objections are lodged during the public notice; this application is %s":                                 "异议须在公示期内提出，该补贴申请当前状态为“%s”",
	"sign in to read notices":                                                                                "请先登录后查看提醒",
	"at most 500 notices at a time":                                                                          "每次最多处理500条提醒",
	"say which materials are missing":                                                                        "请注明缺少哪些材料",
	"no subsidy standard is set for %s training: the province admin sets it":                                 "%s尚未设定补贴标准，请由省级管理员设定",
	"an application claims for at least one class":                                                           "补贴申请至少须包含一个班级",
	"a class claimed for does not exist or is not yours":                                                     "申请的班级不存在或不属于本单位",
	"class %d belongs to another organisation":                                                               "班级（编号 %d）属于其他单位",
	"class %d is %s: subsidies are claimed for completed classes":                                            "班级（编号 %d）当前状态为“%s”，只有已结业的班级才能申请补贴",
	"class %d is %s training, which a %s application does not cover":                                         "班级（编号 %[1]d）属于%[2]s，不在%[3]s补贴申请的范围内",
	"no trainee of these classes holds a certificate or an electronic-certificate voucher (R12) yet":         "这些班级的学员尚未取得证书，也没有可作为凭证的电子证书编号（R12）",
	"a class claimed for is already in another application":                                                  "申请的班级已包含在其他补贴申请中",

	// Funds (R6).
	"an idempotency key is 8 to 128 characters, generated by the client once per operation": "幂等键须为8至128个字符，由客户端为每次操作生成一次",
	"an idempotency key is 8 to 128 letters, digits or ._:-":                                "幂等键须为8至128个字母、数字或 ._:- 字符",
	"sign in to move money":                                                         "请先登录后办理资金业务",
	"this idempotency key was used for another request":                             "该幂等键已用于其他请求",
	"the request is busy: try again":                                                "该请求正在处理中，请稍后重试",
	"you may not move this region's money":                                          "您无权办理该地区的资金业务",
	"the special account has %s yuan: not enough for %s":                            "专账余额为 %s 元，不足以支付 %s 元",
	"the amount must be a positive number of fen":                                   "金额须为正数（以分为单位）",
	"unknown region %q":                                                             "未知的行政区划%q",
	"only applications handed over to finance are paid; this one is %s":             "只有已移交财政部门的补贴申请才能拨付，该申请当前状态为“%s”",
	"funds are pre-allocated to a region directly below %s":                         "资金只能预拨给%s的直接下级地区",
	"prepayment is drawn at approval; this class is %s":                             "预先支付的补贴在班级审批通过后支取，该班级当前状态为“%s”",
	"only training organised by an enterprise or project-based training is prepaid": "只有企业自主组织的培训和项目制培训才能预先支付补贴",
	"this class was already prepaid":                                                "该班级已预先支付过补贴",
	"only a prepayment marked for recovery is recovered; this one is %s":            "只有标记为待追回的预付补贴才能追回，该笔当前状态为“%s”",
	"only an agreed adjustment is allocated; this one is %s":                        "只有已同意的调剂申请才能拨付资金，该申请当前状态为“%s”",
	"the province has no region above it to ask":                                    "省级没有上级地区，无法申请调剂",
	"say why the pre-allocation is not enough":                                      "请说明预拨资金不足的原因",

	// Dates, times and spreadsheets.
	"a date is a string YYYY-MM-DD":                                                        "日期须为“年-月-日”格式的字符串",
	"a date is a string YYYY-MM-DD, such as 2020-09-30":                                    "日期须为“年-月-日”格式的字符串，例如 2020-09-30",
	"a time must be a string: RFC 3339 (2020-09-01T08:00:00+08:00) or a date (2020-09-01)": "时间须为字符串：带时区的标准时间（如 2020-09-01T08:00:00+08:00）或日期（如 2020-09-01）",
	"%q is not a time: use RFC 3339 (2020-09-01T08:00:00+08:00) or a date (2020-09-01)":    "%q不是有效的时间：请使用带时区的标准时间（如 2020-09-01T08:00:00+08:00）或日期（如 2020-09-01）",
	"the file is larger than %d MiB":                                                       "文件超过 %d MB",
	"not a readable XLSX file: %v":                                                         "无法读取该电子表格文件：%v",
	"the workbook has no sheet":                                                            "该工作簿中没有工作表",
	"not a readable CSV file: %v":                                                          "无法读取该逗号分隔文本文件：%v",
}

// zhTerms are the enum values and nouns that messages take as arguments. A
// value shared by several machines (SUBMITTED, REJECTED, PAID) has one term
// that reads well in each.
var zhTerms = map[string]string{
	// Nouns of the state machines (internal/lifecycle).
	"a class":          "班级",
	"evidence":         "佐证材料",
	"an on-site check": "现场核查",
	"an application":   "补贴申请",
	"a certificate":    "证书",
	"a prepayment":     "预付补贴",
	"an adjustment":    "调剂申请",

	// Training classes.
	"DRAFT":       "草稿",
	"SUBMITTED":   "已提交",
	"APPROVED":    "已审批通过",
	"IN_PROGRESS": "培训中",
	"COMPLETED":   "已结业",
	"REJECTED":    "已驳回",
	"CANCELLED":   "已取消",

	// Subsidy applications (R7).
	"ACCEPTED":               "已受理",
	"REVIEWED":               "已审核",
	"IN_PUBLICITY":           "公示中",
	"TRANSFERRED_TO_FINANCE": "已移交财政部门",
	"PAID":                   "已拨付",
	"RETURNED":               "已退回",

	// Evidence, its review and on-site checks.
	"UPLOADING":        "上传中",
	"VERIFIED":         "已校验",
	"FAILED":           "上传失败",
	"ON_SITE_REQUIRED": "需现场核查",
	"OPEN":             "待核查",
	"DONE":             "已核查",
	"PASSED":           "通过",

	// Certificates (R12).
	"ISSUED":                 "已发证",
	"PENDING_ELECTRONIC":     "电子证书待生成",
	"REVOKED":                "已撤销",
	"TRAINING_QUALIFICATION": "培训合格证书",
	"SKILL_LEVEL":            "职业技能等级证书",

	// Prepayments and adjustments (R6).
	"SETTLED":    "已结算",
	"TO_RECOVER": "待追回",
	"RECOVERED":  "已追回",
	"REQUESTED":  "已申请",
	"HR_AGREED":  "人社部门已同意",
	"AGREED":     "财政部门已同意",
	"REFUSED":    "未获同意",
	"ALLOCATED":  "已下拨",

	// Class categories and application kinds (targets T1..T7).
	"WORK_IN_LIEU":        "以工代训",
	"ENTERPRISE_EMPLOYEE": "企业职工技能提升培训",
	"KEY_GROUP":           "就业重点群体培训",
	"ENTREPRENEURSHIP":    "创业培训",
	"APPRENTICESHIP":      "企业新型学徒制培训",
	"CLASS_TRAINING":      "班级培训",
	"CERTIFICATION_UNIT":  "职业技能等级认定机构",
	"FUND_SPENDING":       "专账资金支出",

	// Region levels.
	"PROVINCE": "省级",
	"CITY":     "市级",
	"COUNTY":   "县级",

	// Roles.
	"PROVINCE_ADMIN":    "省级管理员",
	"REGION_OFFICIAL":   "人社部门工作人员",
	"FINANCE_OFFICER":   "财政部门工作人员",
	"INSPECTOR":         "监管人员",
	"INSTITUTION_STAFF": "培训机构工作人员",
	"TRAINEE":           "学员",

	// Key groups (R3).
	"RURAL_MIGRANT":       "农村转移劳动力",
	"POVERTY":             "未脱贫人员",
	"VETERAN":             "退役军人",
	"UNEMPLOYED_GRADUATE": "未就业高校毕业生",
	"LAID_OFF":            "下岗失业和转岗职工",
	"DISABLED":            "残疾人",
	"ECOMMERCE_PROJECT":   "电商项目制培训",

	// Organisation kinds.
	"TRAINING_INSTITUTION":    "培训机构",
	"ENTERPRISE":              "企业",
	"TECHNICIAN_COLLEGE":      "技师学院",
	"SENIOR_TECHNICAL_SCHOOL": "高级技工学校",
	"TECHNICAL_SCHOOL":        "技工学校",
	"INDUSTRY_ASSOCIATION":    "行业协会",
	"HR_BUREAU":               "人社部门",
	"FINANCE_BUREAU":          "财政部门",

	// Runtime texts passed as arguments: certificate number checks
	// (internal/certno) and the reason an upload was given up.
	"a certificate number has 18 characters: 17 digits and a check character (0-9 or X)": "证书编号为18位：17位数字加1位校验码（0-9或X）",
	"the check character does not match: the number was probably mistyped":               "校验码不符，编号可能输入有误",
	"cancelled by the uploader": "上传人已取消",

	// Input fields named by the error presenter ("invalid %s").
	"name":               "名称",
	"code":               "代码",
	"credit_code":        "统一社会信用代码",
	"phone":              "联系电话",
	"lodger_name":        "异议人姓名",
	"lodger_phone":       "异议人联系电话",
	"username":           "用户名",
	"display_name":       "显示名称",
	"level":              "等级",
	"headcount":          "人数",
	"approved_headcount": "核定人数",
	"present_count":      "到课人数",
	"employee_count":     "职工人数",
	"population":         "人口数",
	"planned_start":      "计划开班日期",
	"planned_end":        "计划结业日期",
	"starts_on":          "开始日期",
	"ends_on":            "结束日期",
	"venue_address":      "培训地点",
	"venue_latitude":     "培训地点纬度",
	"venue_longitude":    "培训地点经度",
	"latitude":           "纬度",
	"longitude":          "经度",
	"occupation":         "培训职业（工种）",
	"file_name":          "文件名",
	"content_type":       "文件类型",
	"size":               "文件大小",
	"sha256":             "文件校验值",
	"amount_fen":         "金额",
	"fen_per_head":       "人均补贴标准",
	"quantity":           "目标数量",
	"year":               "年度",
	"rate":               "抽查比例",
	"seed":               "随机种子",
	"reason":             "理由",
	"reject_reason":      "驳回理由",
	"revoke_reason":      "撤销理由",
	"complex_reason":     "复杂情况说明",
	"recovery_reason":    "追回理由",
	"remark":             "备注",
	"comment":            "意见",
	"review_comment":     "审核意见",
	"finance_comment":    "财政部门意见",
	"text":               "内容",
	"notes":              "备注说明",
	"number":             "证书编号",
	"holder_name":        "持证人姓名",
	"issuer_name":        "发证单位名称",
	"key":                "幂等键",
}
