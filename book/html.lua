-- The HTML book's touches, for pandoc's HTML writer (book/book.mk):
--   * a hint or an answer (::: {.hint}, ::: {.answer}) is a <details>
--     block, closed until the reader opens it; no script is needed;
--   * a listing's origin ("`lib/wb_logreg.c`, lines 10 to 30") links to the
--     book's highlighted page of that file, at the listing's first line;
--   * a listing's fold (the lines that only draw, print, parse or clip) is
--     a <details> block too, its summary saying what the lines do;
--   * every heading gets a permalink (a "#" the reader can copy);
--   * a line never breaks between a formula and the punctuation after it,
--     nor inside a word of inline code (only at its spaces);
--   * a shell block (```sh) is marked as a command to copy;
--   * a library or chapter file named in the prose (`lib/wb_mlp.c`) links
--     to its highlighted page, and "chapter 3" to chapter 3's page;
--   * a table's columns are as wide as their contents;
--   * a listing is highlighted once: with -M highlight-cache=DIR, each
--     listing's HTML is kept in DIR, under a hash of the listing, and a
--     later run takes it from there. Highlighting is most of pandoc's time
--     on a chapter, and a chapter edited by its reader keeps most of its
--     listings: its page is rebuilt in a third of the time.

local function details(div, class, summary)
  local blocks = pandoc.List({pandoc.RawBlock('html',
    '<details class="' .. class .. '"><summary>' .. summary ..
    '</summary>')})
  blocks:extend(div.content)
  blocks:insert(pandoc.RawBlock('html', '</details>'))
  return blocks
end

local function escape(s)
  return (s:gsub('&', '&amp;'):gsub('<', '&lt;'):gsub('>', '&gt;'))
end

-- "`path`, lines A to B": the path links to src/PATH.html#src-A.
local function link_origin(div)
  local para = div.content[1]
  if not para or para.t ~= 'Para' then return nil end
  local code = para.content[1]
  if not code or code.t ~= 'Code' then return nil end
  local first = pandoc.utils.stringify(para):match('lines (%d+) to')
  local target = 'src/' .. code.text .. '.html'
  if first then target = target .. '#src-' .. first end
  -- Already linked, the path is raw HTML, which the Code pass below leaves
  -- alone. (A class would mark it too, but pandoc looks up a highlighter
  -- for any inline code with a class, and that look-up costs half a
  -- second.)
  para.content[1] = pandoc.Link(
    {pandoc.RawInline('html', '<code>' .. escape(code.text) .. '</code>')},
    target, '',
    pandoc.Attr('', {'origin'}))
  return div
end

-- A listing's fold (::: {.fold first=A last=B}, book/weave.c): closed,
-- its summary the control that opens it, with a click or the keyboard
-- (a <details> needs no script), on the folded lines and their numbers.
local function fold(div)
  local head = div.content[1]
  local summary = pandoc.List({pandoc.RawInline('html',
    '<span class="fold-mark" aria-hidden="true">⋯</span> ')})
  if head and (head.t == 'Para' or head.t == 'Plain') then
    summary:extend(head.content)
  end
  summary:insert(pandoc.RawInline('html', ' <span class="fold-lines">lines ' ..
    div.attributes.first .. '–' .. div.attributes.last .. '</span>'))
  local blocks = pandoc.List({
    pandoc.RawBlock('html', '<details class="fold"><summary>'),
    pandoc.Plain(summary),
    pandoc.RawBlock('html', '</summary>')})
  for i = 2, #div.content do blocks:insert(div.content[i]) end
  blocks:insert(pandoc.RawBlock('html', '</details>'))
  return blocks
end

function Div(div)
  if div.classes:includes('fold') then
    return fold(div)
  elseif div.classes:includes('hint') then
    return details(div, 'hint', 'Hint')
  elseif div.classes:includes('answer') then
    return details(div, 'answer', 'Answer')
  elseif div.classes:includes('listing') then
    return link_origin(div)
  end
end

function Header(h)
  if h.identifier ~= '' then
    h.content:insert(pandoc.RawInline('html',
      '<a class="permalink" href="#' .. h.identifier ..
      '" aria-label="link to this section">#</a>'))
    return h
  end
end

-- A source file named in the prose links to its page in the book (the
-- build makes a page of every file named so: book/book.mk).
local function source_link(code)
  local t = code.text
  if t:match('^lib/wb_[%w_]+%.[ch]$') or t:match('^chapters/%d%d_[%w_]+%.c$') then
    return pandoc.Link({code}, 'src/' .. t .. '.html', '',
      pandoc.Attr('', {'source'}))
  end
end

-- Inline code breaks at its spaces, not at the hyphens of an option
-- (`--predict`): a short word with a hyphen is kept whole. A long word
-- (a path) may still break where it must, so that it never widens the
-- page (the style sheet lets inline code wrap anywhere).
function Code(code)
  if not code.text:find('[ -]') then return source_link(code) end
  local words = {}
  for word in code.text:gmatch('%S+') do
    if word:find('-') and #word <= 20 then
      words[#words + 1] = '<span class="nobr">' .. escape(word) .. '</span>'
    else
      words[#words + 1] = escape(word)
    end
  end
  return pandoc.RawInline('html', '<code>' .. table.concat(words, ' ') ..
    '</code>')
end

-- "chapter 3" links to chapter 3's page (the metadata's chapter-pages
-- lists the pages in order).
local chapter_pages = {}
local highlight_cache   -- the folder of highlighted listings, or nil

function Meta(meta)
  if meta['highlight-cache'] then
    highlight_cache = pandoc.utils.stringify(meta['highlight-cache'])
  end
  local list = meta['chapter-pages']
  if list then
    for page in pandoc.utils.stringify(list):gmatch('[^,]+') do
      chapter_pages[#chapter_pages + 1] = page
    end
  end
end

local function chapter_links(inlines)
  local out = pandoc.List()
  local i = 1
  while i <= #inlines do
    local a, b, c = inlines[i], inlines[i + 1], inlines[i + 2]
    local n, rest
    if a.t == 'Str' and (a.text == 'chapter' or a.text == 'Chapter') and
        b and b.t == 'Space' and c and c.t == 'Str' then
      n, rest = c.text:match('^(%d+)(.*)$')
    end
    local page = n and chapter_pages[tonumber(n)]
    if page then
      out:insert(pandoc.Link({a, b, pandoc.Str(n)}, page .. '.html'))
      if rest ~= '' then out:insert(pandoc.Str(rest)) end
      i = i + 3
    else
      out:insert(a)
      i = i + 1
    end
  end
  return out
end

-- A formula and the punctuation right after it stay on one line.
function Inlines(inlines)
  local out = pandoc.List()
  local i = 1
  while i <= #inlines do
    local el, nxt = inlines[i], inlines[i + 1]
    if el.t == 'Math' and el.mathtype == 'InlineMath' and nxt and
        nxt.t == 'Str' then
      local punct, rest = nxt.text:match('^([,.;:!?)]+)(.*)$')
      if punct then
        out:insert(pandoc.Span({el, pandoc.Str(punct)},
          pandoc.Attr('', {'nobr'})))
        if rest ~= '' then out:insert(pandoc.Str(rest)) end
        i = i + 2
        goto continue
      end
    end
    out:insert(el)
    i = i + 1
    ::continue::
  end
  return out
end

-- Pandoc numbers the listings cb1, cb2... in the order of the page, and
-- gives the highlighted ones their number as identifier (each line's
-- anchor is #cb3-2); so does this filter for a listing it takes from the
-- cache. Only the languages the book highlights are cached.
local listings = 0
local cached_languages = {c = true, sh = true}

local function highlighted(block)
  local attributes = {}
  for k, v in pairs(block.attributes) do
    attributes[#attributes + 1] = k .. '=' .. v
  end
  table.sort(attributes)
  local key = pandoc.utils.sha1(table.concat({PANDOC_VERSION and
    tostring(PANDOC_VERSION) or '', block.identifier,
    table.concat(block.classes, ' '), table.concat(attributes, ' '),
    block.text}, '\0'))
  local path = highlight_cache .. '/' .. key .. '.html'
  local f = io.open(path, 'r')
  if f then
    local html = f:read('a')
    f:close()
    return pandoc.RawBlock('html', html)
  end
  local html = pandoc.write(pandoc.Pandoc({block}), 'html5')
  -- Two pages built at once may write the same listing: each writes a file
  -- named after its own page, then renames it into place.
  local page = (PANDOC_STATE.input_files[1] or 'stdin'):gsub('.*/', '')
  local tmp = path .. '.' .. page .. '.tmp'
  f = io.open(tmp, 'w')
  if f then
    f:write(html)
    f:close()
    os.rename(tmp, path)
  end
  return pandoc.RawBlock('html', html)
end

function CodeBlock(block)
  if block.classes:includes('sh') then
    block.classes:insert('command')
  end
  if block.identifier ~= '' then return block end
  listings = listings + 1
  if not highlight_cache or #block.classes == 0 then return block end
  if cached_languages[block.classes[1]] then
    block.identifier = 'cb' .. listings
    return highlighted(block)
  end
  -- A block of another class (a chapter's output) is not highlighted, but
  -- pandoc would look up a highlighter for it: written here as pandoc
  -- writes it.
  return pandoc.RawBlock('html', '<pre class="' ..
    table.concat(block.classes, ' ') .. '"><code>' ..
    escape(block.text):gsub('"', '&quot;'):gsub("'", '&#39;') ..
    '</code></pre>')
end

-- A table's columns take the widths their contents need: the relative
-- widths a Markdown table gives (by the dashes under its head) are for
-- the printed book, whose page is fixed; a screen may be narrower.
function Table(t)
  for i, spec in ipairs(t.colspecs) do
    t.colspecs[i] = {spec[1], pandoc.ColWidthDefault}
  end
  return t
end

return {
  {Meta = Meta},
  {Div = Div, Header = Header, CodeBlock = CodeBlock, Table = Table},
  {Code = Code},
  {Inlines = Inlines},
  {Para = function (p) p.content = chapter_links(p.content) return p end,
   Plain = function (p) p.content = chapter_links(p.content) return p end},
}
