// 链接、文件和命令行可请求内容的上限（src/sim/limits.ts）、长时间重放的进度，以及以转义形式显示的不可见字符。
export default {
  'limits.over.fileBytes': '文件大小为 {value} 字节；ZAB 实验室最多读取 {max} 字节（上限 “fileBytes”）。',
  'limits.over.actions': '场景包含 {value} 个动作；最多允许 {max} 个（上限 “actions”）。',
  'limits.over.depth': '数据嵌套超过 {max} 层（上限 “depth”）。',
  'limits.over.keyChars': '有一个键长 {value} 个字符；键最长 {max} 个字符（上限 “keyChars”）。',
  'limits.over.titleChars': '标题长 {value} 个字符；最多允许 {max} 个（上限 “titleChars”）。',
  'limits.over.untilMs': '运行时长为 {value} 毫秒虚拟时间；最多允许 {max} 毫秒（30 天）（上限 “untilMs”）。',
  'limits.over.untilTicks':
    '运行时长为 {value} 个 tick；最多允许 {max} 个 tick（上限 “untilTicks”）。缩短 until 或加大 tickTime 即可。',
  'limits.over.linkChars': '链接长 {value} 个字符；最多读取 {max} 个（上限 “linkChars”）。',
  'limits.over.linkJsonBytes': '链接解压后超过 {max} 字节（上限 “linkJsonBytes”）。',
  'limits.over.linkStep': '链接指向第 {value} 步；链接最多只能指向第 {max} 步（上限 “linkStep”）。',
  'limits.over.recorded': '链接包含 {value} 个已记录的操作；最多允许 {max} 个（上限 “recorded”）。',
  'limits.over.textChars': '链接中有一段文本长 {value} 个字符；最多允许 {max} 个（上限 “textChars”）。',

  'limits.replay.title': '正在打开这次运行',
  'limits.replay.progress': '正在重放第 {done} 步，共 {target} 步',
  'limits.replay.waiting': '正在启动服务器…',
  'limits.replay.cancel': '取消',

  'limits.trace.allChecked':
    '同一次运行：文件中的 {total} 个事件就是本次运行的前 {total} 个事件（本次运行目前在第 {n} 个事件；为了比较，已将它的副本继续运行）。',
  'limits.trace.someChecked':
    '已检查的部分是同一次运行：文件的前 {total} 个事件与本次运行一致（本次运行目前在第 {n} 个事件；为了比较，已将它的副本继续运行）；文件中另有 {rest} 个事件未检查。',

  'limits.invisible.title': '包含不可见或会改变文字方向的字符，已转义显示为 ⟦U+XXXX⟧',
  'limits.text.invisible':
    '{what}中含有不可见或会改变文字方向的字符（{char}）；ZAB 实验室不接受这类字符，以保证文字所见即所是。',
} satisfies Record<string, string>;
