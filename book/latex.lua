-- The printed book's touches, for pandoc's LaTeX writer (book/build-pdf):
-- a step's output is marked by a coloured rule, as in the HTML book, and
-- a listing's origin (file and lines) is set small.

function CodeBlock(block)
  if block.classes:includes('output') then
    return pandoc.RawBlock('latex',
      '\\begin{Verbatim}[frame=leftline,framerule=1.5pt,' ..
      'rulecolor=\\color{outputrule},xleftmargin=0.5em,framesep=0.8em]\n' ..
      block.text .. '\n\\end{Verbatim}')
  end
end

function Div(div)
  if div.classes:includes('listing') and div.content[1].t == 'Para' then
    local origin = div.content[1].content
    origin:insert(1, pandoc.RawInline('latex',
      '\\noindent{\\footnotesize\\sffamily\\color{darkgray}'))
    origin:insert(pandoc.RawInline('latex', '}\\nopagebreak'))
    div.content[1] = pandoc.Plain(origin)
    return div
  end
end
