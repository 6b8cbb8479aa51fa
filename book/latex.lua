-- The printed book's touches, for pandoc's LaTeX writer (book/build-pdf):
--   * a step's output is marked by a coloured rule, as in the HTML book,
--     and a listing's origin (file and lines) is set small;
--   * a listing's fold (::: {.fold}, the lines that only draw, print,
--     parse or clip) is one small line in their place: what they do, and
--     their file and lines;
--   * a hint (::: {.hint}) is a small box where it stands; an answer
--     (::: {.answer question="K"}) moves to the appendix "Answers to the
--     questions", after the others, and leaves a link to it behind;
--   * code in a table may wrap within its cell.

local function CodeBlock(block)
  if block.classes:includes('output') then
    return pandoc.RawBlock('latex',
      '\\begin{Verbatim}[frame=leftline,framerule=1.5pt,' ..
      'rulecolor=\\color{outputrule},xleftmargin=0.5em,framesep=0.8em]\n' ..
      block.text .. '\n\\end{Verbatim}')
  end
end

local function box(title, content)
  local blocks = pandoc.List({pandoc.RawBlock('latex',
    '\\begin{bookbox}{' .. title .. '}')})
  blocks:extend(content)
  blocks:insert(pandoc.RawBlock('latex', '\\end{bookbox}'))
  return blocks
end

local answers = pandoc.List()
local chapter = 0           -- the number of the chapter being read
local in_appendix = false

local function Div(div)
  if div.classes:includes('fold') then
    -- the folded lines: one line that says what they do and where they are
    local line = pandoc.List({pandoc.RawInline('latex',
      '\\noindent{\\footnotesize\\sffamily\\color{darkgray}$\\cdots$\\ ')})
    local head = div.content[1]
    if head and (head.t == 'Para' or head.t == 'Plain') then
      line:extend(head.content)
    end
    line:extend({pandoc.Str(' ('), pandoc.Code(div.attributes.path),
      pandoc.Str(', lines ' .. div.attributes.first .. ' to ' ..
        div.attributes.last .. ')'),
      pandoc.RawInline('latex', '}\\par')})
    return pandoc.Plain(line)
  elseif div.classes:includes('listing') and div.content[1].t == 'Para' then
    local origin = div.content[1].content
    origin:insert(1, pandoc.RawInline('latex',
      '\\noindent{\\footnotesize\\sffamily\\color{darkgray}'))
    origin:insert(pandoc.RawInline('latex', '}\\nopagebreak'))
    div.content[1] = pandoc.Plain(origin)
    return div
  elseif div.classes:includes('hint') then
    return box('Hint', div.content)
  elseif div.classes:includes('answer') then
    local label = 'answer-' .. (#answers + 1)
    local where = in_appendix and 'Appendix' or ('Chapter ' .. chapter)
    local question = div.attributes['question']
    local title = where .. (question and (', question ' .. question) or '')
    answers:insert(pandoc.RawBlock('latex', '\\phantomsection\\label{' ..
      label .. '}'))
    answers:extend(box(title, div.content))
    return pandoc.Plain({pandoc.RawInline('latex',
      '{\\small\\sffamily Answer: page \\pageref{' .. label .. '}.}')})
  end
end

-- Code in a table's narrow column may break after ( , * and a dot between
-- two names (np.random): between the names of a call, never inside one,
-- so that a long call wraps in its cell instead of running into the next
-- one.
local specials = {
  ['\\'] = '\\textbackslash{}', ['{'] = '\\{', ['}'] = '\\}',
  ['&'] = '\\&', ['%'] = '\\%', ['$'] = '\\$', ['#'] = '\\#',
  ['^'] = '\\^{}', ['~'] = '\\~{}', ['_'] = '\\_',
  ['-'] = '-{}', ['('] = '(\\allowbreak{}',
  [','] = ',\\allowbreak{}', ['*'] = '*\\allowbreak{}',
}
local function breakable_code(code)
  local text = code.text:gsub('.', function (c) return specials[c] end)
    :gsub('(%w)%.(%a)', '%1.\\allowbreak{}%2')   -- np.random, not 0.5
  return pandoc.RawInline('latex', '\\texttt{' .. text .. '}')
end

local function Table(table)
  return pandoc.walk_block(table, {Code = breakable_code})
end

function Pandoc(doc)
  local filter = {Div = Div, CodeBlock = CodeBlock, Table = Table}
  local blocks = pandoc.List()
  for _, block in ipairs(doc.blocks) do
    if block.t == 'Header' and block.level == 1 and
        not block.classes:includes('unnumbered') then
      chapter = chapter + 1
    elseif block.t == 'RawBlock' and block.text:match('\\appendix') then
      in_appendix = true
    end
    local walked = pandoc.walk_block(pandoc.Div({block}), filter)
    blocks:extend(walked.content)
  end
  if #answers > 0 then
    if not in_appendix then
      blocks:insert(pandoc.RawBlock('latex', '\\appendix'))
    end
    blocks:insert(pandoc.Header(1, 'Answers to the questions',
      pandoc.Attr('answers')))
    blocks:extend(answers)
  end
  return pandoc.Pandoc(blocks, doc.meta)
end
