package fault

// zhMessages says each message format of the API in Simplified Chinese, for
// requests that prefer it (Accept-Language). The keys are the English
// formats exactly as the code writes them; a test finds every format the
// code uses and fails when one has no sentence here. Use explicit argument
// indexes (%[2]s) when Chinese orders the arguments differently.
var zhMessages = map[string]string{
	// Fixed messages of the error presenter.
	"sign in to see this": "请先登录",
	"you may not do this": "没有权限进行此操作",
	"not found":           "未找到该记录",
	"this conflicts with an existing record (it may already exist)": "与已有记录冲突（可能已经存在）",
	"the request is malformed":                                      "请求格式有误，请检查填写的内容",
	"internal error":                                                "服务器出错了，请稍后再试",
	"invalid %s":                                                    "%s填写有误",
}

// zhTerms are the enum values and nouns that messages take as arguments.
var zhTerms = map[string]string{}
