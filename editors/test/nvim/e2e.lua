-- Headless Neovim end-to-end test of byline through the repository's editors/nvim/lsp/byline.lua.
--
--   BYLINE_REPO=... BYLINE_E2E_WS=... BYLINE_E2E_SINGLE=... \
--     nvim --headless -u editors/test/nvim/init.lua -i NONE -n -l editors/test/nvim/e2e.lua
--
-- BYLINE_E2E_WS holds a copy of examples/ (with its byline.toml, the project root marker);
-- BYLINE_E2E_SINGLE is a folder with no root marker above it (single-file mode).
-- Every check runs (a failure does not stop the others); the result is one JSON object written to
-- $BYLINE_E2E_REPORT (and a human summary on stderr). Exit 0 when all pass, 1 otherwise, 3 on the
-- watchdog. A check tagged `needs` depends on a server feature; with BYLINE_E2E_ALLOW_PENDING=1 its
-- failure is reported as "pending" instead (default: a failure like any other).

local WS = assert(os.getenv('BYLINE_E2E_WS'), 'BYLINE_E2E_WS is not set')
local SINGLE = assert(os.getenv('BYLINE_E2E_SINGLE'), 'BYLINE_E2E_SINGLE is not set')
local REPORT = os.getenv('BYLINE_E2E_REPORT')
local ALLOW_PENDING = os.getenv('BYLINE_E2E_ALLOW_PENDING') == '1'
local T = tonumber(os.getenv('BYLINE_E2E_TIMEOUT_MS') or '10000')
local CODES = {
  ['quote-without-speaker'] = true,
  ['weasel-source'] = true,
  ['vague-source'] = true,
  ['unsourced-statistic'] = true,
  ['unsupported-assertion'] = true,
}

local report = { nvim = tostring(vim.version()), checks = {} }
local counts = { pass = 0, fail = 0, pending = 0 }

local function finish(code)
  report.counts = counts
  report.ok = code == 0
  local json = vim.json.encode(report)
  if REPORT then
    local f = assert(io.open(REPORT, 'w'))
    f:write(json, '\n')
    f:close()
  end
  for _, c in ipairs(report.checks) do
    io.stderr:write(
      ('%-8s %-34s %s\n'):format(
        c.status:upper(),
        c.name,
        c.status == 'pass' and '' or (c.needs and ('[needs ' .. c.needs .. '] ') or '') .. vim.inspect(c.detail):gsub('%s+', ' '):sub(1, 400)
      )
    )
  end
  io.stderr:write(('nvim: %d passed, %d failed, %d pending\n'):format(counts.pass, counts.fail, counts.pending))
  for _, c in ipairs(vim.lsp.get_clients()) do
    c:stop(true)
  end
  os.exit(code)
end

-- Watchdog: whatever blocks, the run ends.
vim.defer_fn(function()
  report.failed = 'watchdog'
  counts.fail = counts.fail + 1
  finish(3)
end, 12 * T + 20000)

--- Record a check. `needs` names the server feature it depends on.
local function check(name, pass, detail, needs)
  local status = pass and 'pass' or ((needs and ALLOW_PENDING) and 'pending' or 'fail')
  counts[status] = counts[status] + 1
  table.insert(report.checks, { name = name, status = status, needs = needs, detail = detail })
  return pass
end

local function buf_text(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
end

--- 1-based line and 0-based byte column of the first `needle` in the buffer (plain find).
local function find_in_buf(buf, needle, after_line)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if i > (after_line or 0) then
      local s = l:find(needle, 1, true)
      if s then
        return i, s - 1
      end
    end
  end
end

local function open(path)
  vim.cmd.edit(vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  local ok = vim.wait(T, function()
    return #vim.lsp.get_clients({ bufnr = buf, name = 'byline' }) > 0
  end, 10)
  return buf, ok and vim.lsp.get_clients({ bufnr = buf, name = 'byline' })[1] or nil
end

local function request(buf, method, params)
  local res, err = vim.lsp.buf_request_sync(buf, method, params, T)
  if not res then
    return nil, err or 'timeout'
  end
  for _, r in pairs(res) do
    if r.error then
      return nil, r.error
    end
    return r.result
  end
  return nil, 'no response'
end

local function flatten(symbols, out, depth)
  out = out or {}
  for _, s in ipairs(symbols or {}) do
    table.insert(out, { name = s.name, kind = s.kind, depth = depth or 0, range = s.range, sel = s.selectionRange })
    flatten(s.children, out, (depth or 0) + 1)
  end
  return out
end

local function floats()
  local out = {}
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then
      table.insert(out, w)
    end
  end
  return out
end

local function close_floats()
  for _, w in ipairs(floats()) do
    pcall(vim.api.nvim_win_close, w, true)
  end
end

--- Run normal-mode keys like a user; an error (e.g. K with no hover: "no manual entry") is returned.
local function normal(keys)
  local ok, err = pcall(vim.cmd.normal, keys)
  return ok, not ok and tostring(err) or nil
end

-- count publishDiagnostics notifications per buffer (to tell "none published" from "published empty")
local published = {}
local orig_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, ...)
  local uri = result and result.uri or '?'
  published[uri] = (published[uri] or 0) + 1
  return orig_publish(err, result, ctx, ...)
end

local function main()
  ---------------------------------------------------------------------------------------------------
  -- 1. A plain-text article inside a project (examples/ has byline.toml): attach, root, outline, people
  ---------------------------------------------------------------------------------------------------
  local txt = WS .. '/trump-syria-withdrawal.txt'
  local buf, client = open(txt)
  check('txt: filetype is text', vim.bo[buf].filetype == 'text', vim.bo[buf].filetype)
  check('txt: client attached', client ~= nil, vim.tbl_map(function(c) return c.name end, vim.lsp.get_clients()))
  if not client then
    return
  end
  report.server_info = client.server_info
  report.capabilities = {
    hover = client.server_capabilities.hoverProvider and true or false,
    definition = client.server_capabilities.definitionProvider and true or false,
    references = client.server_capabilities.referencesProvider and true or false,
    rename = client.server_capabilities.renameProvider and true or false,
    codeAction = client.server_capabilities.codeActionProvider and true or false,
    documentSymbol = client.server_capabilities.documentSymbolProvider and true or false,
  }
  check('txt: root is the byline.toml folder', client.root_dir == WS, { root_dir = client.root_dir, want = WS })
  check('txt: server is byline', client.server_info and client.server_info.name == 'byline', client.server_info)

  local uri = vim.uri_from_bufnr(buf)
  local syms, serr = request(buf, 'textDocument/documentSymbol', { textDocument = { uri = uri } })
  local flat = flatten(syms)
  local title_line = vim.api.nvim_buf_get_lines(buf, 0, 1, false)[1]
  local title_sym
  for _, s in ipairs(flat) do
    if s.name == title_line then
      title_sym = s
    end
  end
  check('txt: outline has the title (kind File)', title_sym ~= nil and title_sym.kind == vim.lsp.protocol.SymbolKind.File, {
    err = serr,
    symbols = vim.tbl_map(function(s) return s.name .. ' (' .. s.kind .. ')' end, flat),
  })
  local person_syms = vim.tbl_filter(function(s)
    return s.kind == vim.lsp.protocol.SymbolKind.Object
  end, flat)
  local graham_sym = vim.iter(person_syms):find(function(s) return s.name == 'Lindsey Graham' end)
  check('txt: outline lists people (Lindsey Graham, kind Object)', graham_sym ~= nil,
    vim.tbl_map(function(s) return s.name end, person_syms), 'people in documentSymbol (issue 3)')

  -- gO (default mapping: vim.lsp.buf.document_symbol -> location list)
  vim.fn.setloclist(0, {}, 'r')
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  local go_ok, go_err = normal('gO')
  local loc_ok = vim.wait(T, function()
    return #vim.fn.getloclist(vim.fn.win_getid(vim.fn.winnr('#')) ~= 0 and 0 or 0) > 0
      or #vim.fn.getloclist(0) > 0
  end, 10)
  local loc = {}
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    for _, it in ipairs(vim.fn.getloclist(w)) do
      table.insert(loc, it.text)
    end
  end
  check('txt: gO lists the outline', go_ok and loc_ok and vim.iter(loc):any(function(t) return t:find(title_line, 1, true) ~= nil end), { loclist = loc, err = go_err })
  vim.cmd('silent! lclose')
  vim.cmd.buffer(buf)

  -- K on a person's name: vim.lsp.buf.hover() opens a float with the card
  local hl, hc = find_in_buf(buf, 'Lindsey Graham')
  report.hover_position = { line = hl, col = hc }
  vim.api.nvim_win_set_cursor(0, { hl, hc + #'Lindsey ' })
  -- a feature the server does not advertise fails at once (no waiting for a time-out)
  local function supports(method)
    return client:supports_method(method, buf)
  end
  local function unsupported(method)
    return 'the server does not advertise ' .. method
  end
  local hover_raw, herr = nil, unsupported('textDocument/hover')
  if supports('textDocument/hover') then
    hover_raw, herr = request(buf, 'textDocument/hover', {
    textDocument = { uri = uri },
      position = { line = hl - 1, character = hc + #'Lindsey ' },
    })
  end
  report.hover_raw = hover_raw
  local hover_value = hover_raw and hover_raw.contents and (hover_raw.contents.value or hover_raw.contents) or nil
  check('txt: hover request answers with Markdown', type(hover_value) == 'string'
    and hover_raw.contents.kind == 'markdown'
    and hover_value:find('^%s*%*%*Lindsey Graham%*%*') ~= nil, { result = hover_raw, err = herr }, 'hover (issue 3)')

  close_floats()
  local has_k = vim.fn.maparg('K', 'n', false, true)
  check('txt: K is mapped to LSP hover', type(has_k) == 'table' and (has_k.desc or ''):find('hover') ~= nil, has_k.desc, 'hover (issue 3)')
  local k_ok, k_err = normal('K')
  local float_lines
  vim.wait(k_ok and T or 0, function()
    for _, w in ipairs(floats()) do
      local lines = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false)
      if #lines > 0 and table.concat(lines, ''):find('%S') then
        float_lines = lines
        return true
      end
    end
  end, 10)
  report.hover_float = float_lines
  local float_text = float_lines and table.concat(float_lines, '\n') or ''
  check('K: hover float shows the card (**Lindsey Graham**, Mentioned N times)',
    float_text:find('%*%*Lindsey Graham%*%*') ~= nil and float_text:find('Mentioned %d+ time') ~= nil,
    float_lines or k_err, 'hover (issue 3)')
  close_floats()

  -- grr: references of a person -> quickfix list
  vim.fn.setqflist({}, 'r')
  vim.api.nvim_win_set_cursor(0, { hl, hc + 1 })
  local grr_ok, grr_err = normal('grr')
  vim.wait(grr_ok and T or 0, function() return #vim.fn.getqflist() > 0 end, 10)
  local qf = vim.fn.getqflist()
  local qf_ok = #qf >= 2
  local qf_items = {}
  for _, it in ipairs(qf) do
    local line = vim.api.nvim_buf_get_lines(it.bufnr, it.lnum - 1, it.lnum, false)[1] or ''
    local at = line:sub(it.col) -- col is 1-based byte column
    table.insert(qf_items, { lnum = it.lnum, col = it.col, at = at:sub(1, 20) })
    if not (at:find('^Lindsey') or at:find('^Graham')) then
      qf_ok = false
    end
  end
  check('grr: references list every mention of the person', grr_ok and qf_ok, grr_err or qf_items, 'references (issue 3)')
  vim.cmd('silent! cclose')
  vim.cmd.buffer(buf)

  -- gd: definition jumps to the first, fullest mention
  local last_l = select(1, find_in_buf(buf, 'Graham continued'))
  if last_l then
    local _, gc = find_in_buf(buf, 'Graham continued')
    vim.api.nvim_win_set_cursor(0, { last_l, gc })
    vim.lsp.buf.definition()
    vim.wait(supports('textDocument/definition') and T or 0, function() return vim.api.nvim_win_get_cursor(0)[1] ~= last_l end, 10)
    local cur = vim.api.nvim_win_get_cursor(0)
    check('definition: from "Graham" to the first full mention', cur[1] == hl, { cursor = cur, want = hl, err = not supports('textDocument/definition') and unsupported('textDocument/definition') or nil }, 'definition (issue 3)')
  end

  -- grn: rename the person everywhere (vim.ui.input answered by the test)
  local orig_input = vim.ui.input
  vim.ui.input = function(_, on_confirm)
    on_confirm('Lindsay Graham')
  end
  vim.api.nvim_win_set_cursor(0, { hl, hc + 1 })
  local grn_ok, grn_err = normal('grn')
  vim.wait(supports('textDocument/rename') and T or 0, function() return buf_text(buf):find('Lindsay Graham', 1, true) ~= nil end, 10)
  local renamed = buf_text(buf)
  check('grn: renames the person in the buffer',
    renamed:find('Lindsay Graham', 1, true) ~= nil and renamed:find('Lindsey Graham', 1, true) == nil,
    { changed = vim.bo[buf].modified, err = grn_err or (not supports('textDocument/rename') and unsupported('textDocument/rename') or nil) }, 'rename (issue 3)')
  vim.ui.input = orig_input
  if vim.bo[buf].modified then
    vim.cmd('silent! edit!') -- back to the file's text
  end

  ---------------------------------------------------------------------------------------------------
  -- 1b. Findings: an article with unattributed claims
  ---------------------------------------------------------------------------------------------------
  -- diagnostics with byline codes, on the article that has some ("reportedly" ...)
  local dbuf = open(WS .. '/london-bridge.txt')
  local duri = vim.uri_from_bufnr(dbuf)
  local function byline_diags(b)
    return vim.tbl_filter(function(d)
      return d.source == 'byline' and CODES[d.code] ~= nil
    end, vim.diagnostic.get(b))
  end
  vim.wait(T, function() return (published[duri] or 0) > 0 end, 10)
  vim.wait(2000, function() return #byline_diags(dbuf) > 0 end, 10)
  local diags = byline_diags(dbuf)
  report.diagnostics = vim.tbl_map(function(d)
    return { lnum = d.lnum, col = d.col, code = d.code, severity = d.severity, message = d.message }
  end, diags)
  check('london-bridge.txt: publishDiagnostics arrives', (published[duri] or 0) > 0, { published = published[duri] or 0 })
  check('london-bridge.txt: diagnostics with byline codes', #diags > 0,
    { published = published[duri] or 0, all = #vim.diagnostic.get(dbuf) }, 'attribution diagnostics (issue 4)')

  -- ]d jumps to the next diagnostic
  if #diags > 0 then
    table.sort(diags, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
    local want
    for _, d in ipairs(diags) do
      if d.lnum > 0 or d.col > 0 then
        want = d
        break
      end
    end
    vim.api.nvim_win_set_cursor(0, { 1, 0 })
    local jd_ok, jd_err = normal(']d')
    local cur = vim.api.nvim_win_get_cursor(0)
    -- another (non-byline) diagnostic could come first; byline is the only source here
    check(']d: jumps to the first diagnostic', want and cur[1] == want.lnum + 1 and cur[2] == want.col,
      { cursor = cur, want = want and { want.lnum + 1, want.col }, err = jd_err })
    close_floats()
  else
    check(']d: jumps to the first diagnostic', false, 'no byline diagnostics to jump to', 'attribution diagnostics (issue 4)')
  end

  -- gra on the finding: the server's code actions in vim.ui.select (answered by the test: none taken)
  local orig_select = vim.ui.select
  local offered
  vim.ui.select = function(items, opts, on_choice)
    offered = vim.tbl_map(function(it)
      local a = it.action or it
      return a.title or (opts.format_item and opts.format_item(it)) or tostring(it)
    end, items)
    on_choice(nil)
  end
  if #diags > 0 then
    local d = diags[1]
    vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  end
  local gra_ok, gra_err = normal('gra')
  vim.wait(gra_ok and #diags > 0 and T or 0, function() return offered ~= nil end, 10)
  vim.ui.select = orig_select
  report.code_actions = offered
  check('gra: code actions offered on a finding', offered ~= nil and #offered > 0,
    { offered = offered, err = gra_err, diagnostics = #diags }, 'code actions (issue 4)')


  ---------------------------------------------------------------------------------------------------
  -- 2. A Markdown article: sections in the outline, jump to a section
  ---------------------------------------------------------------------------------------------------
  local md = WS .. '/consultancy-turkey.md'
  local mbuf, mclient = open(md)
  check('md: filetype is markdown', vim.bo[mbuf].filetype == 'markdown', vim.bo[mbuf].filetype)
  check('md: client attached (same client as the .txt)', mclient ~= nil and mclient.id == client.id,
    { md = mclient and mclient.id, txt = client.id })
  local muri = vim.uri_from_bufnr(mbuf)
  -- the headings the file has (ATX `##` lines), from the buffer itself
  local want_sections = {}
  for i, l in ipairs(vim.api.nvim_buf_get_lines(mbuf, 0, -1, false)) do
    local title = l:match('^##+%s+(.-)%s*$')
    if title then
      table.insert(want_sections, { name = title, line = i })
    end
  end
  local msyms, merr = request(mbuf, 'textDocument/documentSymbol', { textDocument = { uri = muri } })
  local mflat = flatten(msyms)
  local missing = {}
  for _, w in ipairs(want_sections) do
    local found = vim.iter(mflat):find(function(s)
      return s.name == w.name and s.sel.start.line == w.line - 1 and s.range['end'].line > s.sel.start.line
    end)
    if not found then
      table.insert(missing, w)
    end
  end
  report.md_symbols = vim.tbl_map(function(s)
    return { name = s.name, kind = s.kind, depth = s.depth, line = s.sel.start.line + 1, end_line = s.range['end'].line + 1 }
  end, mflat)
  -- people sit under the section that mentions them
  local nested = vim.tbl_filter(function(s)
    return s.kind == vim.lsp.protocol.SymbolKind.Object and s.depth > 0
  end, mflat)
  check('md: people appear under their sections', #nested > 0,
    vim.tbl_map(function(s) return s.name .. ' @' .. s.depth end, mflat), 'people in documentSymbol (issue 3)')
  check('md: documentSymbol lists every ## section (range = section)', #want_sections >= 2 and #missing == 0,
    { err = merr, missing = missing, want = #want_sections })

  -- jump to a section through the location list of vim.lsp.buf.document_symbol() (what gO runs in text buffers)
  local target = want_sections[2] or want_sections[1]
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  vim.fn.setloclist(0, {}, 'r')
  vim.lsp.buf.document_symbol()
  vim.wait(T, function() return #vim.fn.getloclist(vim.fn.bufwinid(mbuf)) > 0 end, 10)
  local mloc = vim.fn.getloclist(vim.fn.bufwinid(mbuf))
  local idx
  for i, it in ipairs(mloc) do
    if target and it.text:find(target.name, 1, true) then
      idx = i
      break
    end
  end
  if idx then
    vim.api.nvim_set_current_win(vim.fn.bufwinid(mbuf))
    vim.cmd('silent ll ' .. idx)
  end
  local cur = vim.api.nvim_win_get_cursor(0)
  report.jump = { section = target and target.name, cursor = cur }
  check('md: jump to a section from the symbol list', idx ~= nil and vim.api.nvim_get_current_buf() == mbuf and target and cur[1] == target.line,
    { idx = idx, cursor = cur, want = target, loclist = vim.tbl_map(function(i) return i.text end, mloc) })
  vim.cmd('silent! lclose')

  local folds, ferr = request(mbuf, 'textDocument/foldingRange', { textDocument = { uri = muri } })
  check('md: folding ranges per section', type(folds) == 'table' and #folds >= #want_sections, { err = ferr, n = folds and #folds })

  local wsyms, werr = request(mbuf, 'workspace/symbol', { query = target and target.name or '' })
  check('workspace/symbol finds a section of an open document', type(wsyms) == 'table'
    and vim.iter(wsyms):any(function(s) return target and s.name == target.name end), { err = werr, n = wsyms and #wsyms })

  ---------------------------------------------------------------------------------------------------
  -- 3. A single file with no project around it
  ---------------------------------------------------------------------------------------------------
  local single = SINGLE .. '/london-bridge.txt'
  local sbuf, sclient = open(single)
  check('single file: client attached', sclient ~= nil)
  if sclient then
    check('single file: no root folder', sclient.root_dir == nil or sclient.root_dir == SINGLE, { root_dir = sclient.root_dir })
    local ssyms, sserr = request(sbuf, 'textDocument/documentSymbol', { textDocument = { uri = vim.uri_from_bufnr(sbuf) } })
    local first = vim.api.nvim_buf_get_lines(sbuf, 0, 1, false)[1]
    check('single file: outline has the title', type(ssyms) == 'table'
      and vim.iter(flatten(ssyms)):any(function(s) return s.name == first end), { err = sserr, symbols = ssyms and #ssyms })
  end

end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  check('test script ran to the end', false, tostring(err))
end
finish(counts.fail > 0 and 1 or 0)
