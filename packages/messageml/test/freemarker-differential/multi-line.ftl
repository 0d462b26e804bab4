<#-- Templates of several lines, separated by lines of "~~~~". Data: DATA in corpus.ts. -->
<messageML>
  <#if data.t>
    yes
  </#if>
</messageML>
~~~~
  <#if data.t>
first block stripped?
  </#if>
~~~~
<#assign x = 1>
<#assign y = 2>
${x + y}
~~~~
text <#if data.t>inline</#if>
<#if data.t>
  line
</#if>   
<#list data.names as n>
  - ${n}
</#list>
end
~~~~
<#list data.names as n>
  ${n}<#sep>,
</#list>
~~~~
<#list data.names as n>
  ${n}<#t>
</#list>
~~~~
  a <#lt>
  b <#rt>
  c <#t>
  d <#nt>
~~~~
<#ftl strip_whitespace=false>
<#if data.t>
  kept
</#if>
~~~~
<#ftl output_format="HTML">
<messageML>
  <p>${data.html}</p>
</messageML>
~~~~
<#-- a comment line -->
text
<#-- another -->
~~~~
  <#-- indented comment -->  
x
~~~~
<#macro row name>
  <tr><td>${name}</td></tr>
</#macro>
<table>
  <#list data.names as n>
  <@row name=n/>
  </#list>
</table>
~~~~
<#macro m>
  <#nested>
</#macro>
<@m>
  body
</@m>
~~~~
line one
line two with ${data.absent}
~~~~
line one
	tab	${data.absent}
~~~~
<#if data.t>
  ${data.absent}
</#if>
~~~~
<#list data.rows as r>
  <#if r.done>
    ${r.name} done
  <#else>
    ${r.name} open
  </#if>
</#list>
~~~~
<#switch data.n>
  <#case 42>
    answer
    <#break>
  <#default>
    other
</#switch>
~~~~
<#attempt>
  ${data.absent}
<#recover>
  recovered
</#attempt>
~~~~
a
<#if data.t>b</#if>
c
~~~~
<#if data.t>x</#if> <#if data.t>y</#if>
z
~~~~
<#assign x>
  captured
</#assign>
[${x}]
~~~~
<#compress>
  a

  b
</#compress>
~~~~
<#if data.t>
  <#if data.f>
    no
  <#elseif data.t>
    elseif
  </#if>
</#if>
~~~~
${data.s}
<#if data.t>
x
</#if>
~~~~
<#-- comment --> <#if data.t>
x
</#if>
~~~~
a<#--
multi
line
-->b
~~~~
x
<#if
  data.t>
y
</#if>
~~~~
<#if data.t>

</#if>
~~~~
<#list 1..3 as i>
${i}
</#list>
~~~~
<#list 1..3 as i>${i}
</#list>
~~~~
   <#if data.t>
   x
   </#if>
~~~~
<#ftl>
  x
~~~~
<#ftl>x
  <#if true>y</#if>
~~~~
${data.n}
<#if true>
  ${data.t}
</#if>
~~~~
<#if data.t>
${data.s?x_unknown}
</#if>
~~~~
<#if data.t>
  <#if data.f>
</#if>
~~~~
<#list data.names as n>
<#if n?is_first>
</#list>
</#if>
~~~~
<#macro m>
x
~~~~
text
<#else>
~~~~
a
  <#break>
~~~~
first
${
~~~~
<#assign s = "multi
line">${s}
~~~~
${"a
b"}
~~~~
<#list data.names as n>
  ${n}
<#else>
  none
</#list>
~~~~
<#list data.empty>
  <ul>
  <#items as n>
    <li>${n}</li>
  </#items>
  </ul>
<#else>
  nothing
</#list>
~~~~
<#noparse>
  ${not parsed}
</#noparse>
~~~~
<#-- trailing spaces after a tag line -->
<#if data.t>   
  body
</#if>	
end
~~~~
<#if data.t>a
b</#if>
~~~~
  <#assign x = 1> text
  <#assign y = 2>
end
~~~~
x<#if true>
y
</#if>
~~~~
<#list data.names as n>${n}
</#list>
~~~~
<#stop>
after
~~~~
  ${data.absent}
~~~~
		${data.absent}
~~~~
a	b	c ${data.absent}
~~~~
<#setting number_format="0.0">
${data.n}
~~~~
<#function f x>
  <#return x + 1>
</#function>
${f(1)}
~~~~
${"unclosed}
~~~~
a
${"unclosed
~~~~
<#ftl strip_text=true>
a
<#if true> b </#if>
c ${1} d
<#noparse>np</#noparse>
<#macro m>
  in macro
</#macro>
<@m/>
~~~~
<#escape x as x?html>
  <p>${data.html}</p>
  <#noescape>
    <p>${data.html}</p>
  </#noescape>
</#escape>
~~~~
<#comment>
  an old-style comment
</#comment>
<#foreach n in data.names>
  - ${n}
</#foreach>
