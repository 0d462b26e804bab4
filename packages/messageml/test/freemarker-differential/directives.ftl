## Directives, one template a line (lines starting with "## " are comments). Data: DATA in corpus.ts.
## --- #function and calls
<#function f><#return 1></#function>${f()?c} ${f() + 1}
<#function f x>${x}<#return x></#function>[${f(1)}]
<#function f x><#return x></#function>${f(1, 2)}
<#function f x y><#return x></#function>${f(1)}
<#function f x><#return x></#function>${f()}
<#function f x><#return x></#function>${f(data.absent)}
<#function f x><#return x></#function>${f(data.absent!)}
<#function f x=2><#return x></#function>${f(data.absent)}
<#function f x=1><#return x></#function>${f()}
<#function f(x, y)><#return x + y></#function>${f(1, 2)} ${f(1 2)}
<#function f a b=a+1><#return b></#function>${f(1)}
<#function f a...><#return a?size></#function>${f(1,2,3)} ${f()}
<#function f x><#return x></#function>${f(x=1)}
<#function f x><#return x></#function><@f 1/>
<#function f><#return 1></#function>${f}
<#function f></#function>${f()}
<#function f>text</#function>${f()!"none"}
<#function f><#return data.absent></#function>${f()}
<#function f><#return data.absent></#function>${f()!"d"}
<#function f><#stop "x"></#function>${f()}
<#function f><#return 1/0></#function>${f()}
<#function f x><#return x></#function>${f(1)(2)}
<#function f x><#return x?upper_case></#function>${f(data.s)} ${f("x")}
<#function f x><#return [x, x]></#function>${f(1)?size}
<#function f x><#return {"k": x}></#function>${f(1).k}
<#function f x><#return x></#function><#assign r = f(3)>${r}
<#function f x><#local z = x * 2><#return z></#function>${f(2)}
<#function f x><#if x lte 1><#return 1></#if><#return x * f(x - 1)></#function>${f(5)}
<#function f x><#list 1..x as i><#if i == 2><#return i></#if></#list><#return 0></#function>${f(5)}
<#function f x><#return f2(x)></#function><#function f2 y><#return y*3></#function>${f(2)}
<#function g><#return 5></#function><#function f><#assign x = g()></#function>${f()}
<#assign g = f><#function f><#return 7></#function>${g()}
${m()}<#if false><#function m><#return 1></#function></#if>
<#function f x><#return x + 1></#function><#list data.list as n>${f(n)} </#list>
<#function f x><#return x></#function><#if f(data.t)>yes</#if>
<#function f><#return "a"></#function><#switch f()><#case "a">A<#break><#default>D</#switch>
<#macro m>m</#macro>${m()}
${data.s()}
${data.absent()}
${(data.absent())!"d"}
<#function f><#return 1></#function>${f()!"d"}
<#function f><#nested></#function>${f()}
<#function f>text<#return></#function>${f()!"none"}
<#macro m><#return 1></#macro><@m/>
a<#return>b
<#function f></#macro>
<#macro f></#function>
<#function f a... b><#return 1></#function>
<#function f a=1 b><#return 1></#function>
<#function f a...=1><#return 1></#function>
<#function f><#function g></#function></#function>
<#list 1..3 as i><#function f><#break></#function></#list>
## --- macro calls: arguments and the loop variables of #nested
<#macro m a b>${a}${b}</#macro><@m 1, 2/> <@m 1 2/> <@m a=1 b=2/>
<#macro m a b>${a}${b}</#macro><@m a=1, b=2/>
<#macro m a b=2>${a}${b}</#macro><@m 1 data.absent/>
<#macro m a>${a}</#macro><@m data.absent/>
<#macro m a b>${a}${b}</#macro><@m 1 2 3/>
<#macro m a>${a}</#macro><@m b=data.absent/>
<#macro m a>${a}</#macro><@m a=1 b=(1/0)/>
<#macro m x...>${x?size}</#macro><@m a=1 b=2/><@m 1 2 3/><@m/>
<#macro m><#nested 1, 2></#macro><@m ; a, b, c>${a}${b}${c!"-"}</@m>
<#macro m><#nested data.absent></#macro><#assign a = "outer"><@m ; a>${a}</@m>
<#macro m><#nested 1></#macro><@m;a>${a}</@m>
<#macro m><#nested 1></#macro><@m ; >x</@m>
<#macro m><#nested 1></#macro><@m ; a,>x</@m>
<#macro m><#nested 1, 2></#macro><@m ; a b>x</@m>
<#macro m><#nested (1/0)></#macro><@m ; a>x</@m>
<#macro m><#nested (1/0)></#macro><@m/>
<#macro m><#nested 1 2></#macro><@m ; a, b>${a}${b}</@m>
<#macro m><#nested 1, 2></#macro><@m ; a>${a}</@m>
<#macro m><#list 1..2 as i><#nested i></#list></#macro><#list ["x"] as i><@m ; i>${i}</@m>${i}</#list>
<#macro m><#local v = 5><#nested v></#macro><@m ; v>${v}</@m>
<#macro outer><@inner ; y>[${y}]<#nested y * 10></@inner></#macro><#macro inner><#nested 1><#nested 2></#macro><@outer ; z>(${z})</@outer>
<#macro m a>${a}</#macro><@m a=1></@m> <@m a=2></@>
<#macro m a>${a}</#macro><@m a=1></@x>
<#macro m a b>${a}${b}</#macro><@m a=1 2/>
<@m
<@data.s/>
<@data.absent/>
## --- directive tags: shapes and placement
<#if data.n >= 40>ge</#if>
<#if (data.n >= 40)>ge</#if>
<#assign x = 1 >= 2>${x}
<#if data.n>=40>ge</#if>
<#if data.t>a<#elseif>b</#if>
<#if>x</#if>
<#switch>x</#switch>
<#list>x</#list>
<#sep/>
<#else x>
<#attempt >a<#recover >b</#attempt >
<#if(data.t)>x</#if>
<#list data.names as n>${n}<#sep >,</#list>
<#ftl>x
<#t/>x<#lt >
<#items as>
<#include>
<#noparse >${x}</#noparse>
<#compress/>x
<#list data.s><#items as c>${c}</#items></#list>
<#list data.map as c>${c}</#list>
<#list data.t as c>${c}</#list>
<#list data.s>x</#list>
<#list data.list>x</#list>
<#list data.list>x<#else>y</#list>
<#list data.list><#if true><#items as x>${x}</#items></#if></#list>
<#list data.list><#list 1..2 as y><#items as x>${x}</#items></#list></#list>
<#list data.list><#list data.list><#items as x>${x}</#items></#list></#list>
## --- the #ftl header's parameters
<#ftl auto_esc=true>x
<#ftl output_format="plainText" auto_esc=true>x
<#ftl auto_esc=true output_format="HTML">${"<"}
<#ftl auto_esc="true">x
<#ftl strip_whitespace="yes">x
<#ftl strip_whitespace="maybe">x
<#ftl strip_whitespace=data.t>x
<#ftl encoding=1>x
<#ftl encoding="ISO-8859-1">x
<#ftl output_format=1>x
<#ftl OUTPUT_FORMAT="HTML">${"<"}
<#ftl outputFormat="HTML">${"<"}
<#ftl outputformat="HTML">${"<"}
<#ftl ns_prefixes={"a": "b"}>x
<#ftl ns_prefixes=1>x
<#ftl attributes=1>x
<#ftl charset="x">x
<#ftl foo="bar" output_format="nonsense">x
<#ftl strict_syntax=true>x
<#ftl output_format="HTML", auto_esc=false>${"<"}
<#ftl strip_text=true><#noparse>np</#noparse> text <#if true> b </#if> ${1} <#-- c --> d
## --- #include, #import, #visit, #recurse, #fallback: no template loader, no XML nodes on the agent
a<#include data.absent>
<#include "x" parse=false>
<#include "x" foo=1>
<#import "lib.ftl">
<#import "lib.ftl" as>
<#visit data using x>
<#recurse>
<#recurse data>
<#fallback>
<#if false><#include "x"></#if>ok
<#attempt><#include "x"><#recover>r</#attempt>
<#import "x" as l>${l.x}
<#visit data.absent>
<#visit 1>
<#include "x" ignore_missing=true>ok
<#include "x" ignore_missing=data.t>ok
<#include "x" ignore_missing=1>ok
<#include "x" parse=data.s>ok
<#include data.t>
<#include data.n>
<#include "x"; parse=false>
<#include "x" encoding=1>
<#include "x" ignoreMissing=true>ok
<#recurse data.absent>
<#recurse 1 using 2>
<#visit data.absent using x>
## --- #escape and #noescape
<#escape x as x?html><#escape y as y?upper_case>${data.html}</#escape></#escape>
<#escape x as x?html>${data.absent}</#escape>
<#escape x as x?html>#{data.n} ${"<" + data.s}</#escape>
<#escape x as x?html>${"${data.html}"}</#escape>
<#noescape>x</#noescape>
<#escape x>y</#escape>
<#escape x as>y</#escape>
<#ftl output_format="HTML"><#escape x as x>y</#escape>
<#ftl output_format="HTML" auto_esc=false><#escape x as x?html>${data.html}</#escape>
<#escape x as x?html><#macro m>${data.html}</#macro></#escape><@m/>
<#escape x as (x + "!")>${data.s}<#noescape>${data.s}<#escape y as "[" + y + "]">${data.s}</#escape></#noescape></#escape>
<#escape x as x?html>${data.n}</#escape>
<#escape x as data.absent>${1}</#escape>
<#escape x as x?html><#escape y as y?upper_case><#noescape>${data.html}</#noescape></#escape></#escape>
<#escape x as x?html><#list data.names as n>${n}<#sep>, </#list></#escape>
## --- #setting
<#setting boolean_format="yes">${data.t?string}
<#setting boolean_format="yes,no">${data.t} ${data.f?string} ${data.t?c}
<#setting boolean_format="true,false">${data.t}
<#setting boolean_format="c">${data.t}
<#setting boolean_format="ja,nein">${"x" + data.t} ${data.t?string} ${data.t?then(1,2)}
<#setting locale="fr_FR">${data.big} ${data.d} ${1234.5}
<#setting locale="de">${data.big} ${data.d} ${(1234.5)?string("0.00")} ${1234.5?c}
<#setting locale="nonsense">${data.d}
<#setting locale="de_CH">${data.big}
<#setting locale="de_DE">${data.neg} ${data.d?string("#,##0.00%")}
<#setting locale="de_DE">${"a" + data.d} ${data.d?string}
<#setting locale="sv_SE">${data.neg} ${data.big}
<#setting locale="hi_IN">${data.big}
<#setting locale="en-GB">${data.big}
<#setting locale="">${data.big}
<#setting locale="es_ES">${data.big} ${data.d}
<#setting locale="it_IT">${data.big} ${data.d}
<#setting locale="ja_JP">${data.big} ${data.d}
<#setting locale="pt_BR">${data.big} ${data.d}
<#setting locale=true>${data.d}
${.locale}<#setting locale="de_DE">${.locale} ${.lang}
<#setting number_format="currency">${data.d}
<#setting number_format="percent">${data.d}
<#setting number_format="number">${data.d}
<#setting number_format="@x">${data.d}
<#setting number_format=",##0.00">${data.big}
<#setting number_format="0.00">#{data.d} ${data.d?c} ${data.d?string} ${data.d?string("0.0")}
<#setting numberFormat="0.0">${data.d}
<#setting number_format=data.absent>x
<#setting number_format="0.0" x>
<#setting number_format>
<#setting number_format="0.00"><#include "x">
<#setting template_exception_handler="ignore">
<#setting api_builtin_enabled=true>x
<#setting output_encoding="UTF-8">${data.url?url}
<#setting time_zone="Europe/Paris">x
<#setting date_format="yyyy">x
<#macro m><#setting number_format="0.000"></#macro>${data.d} <@m/>${data.d}
## --- #switch
<#switch data.n><#case 1>one<#case 42>forty-two<#case 43>next<#break><#default>d</#switch>
<#switch data.s><#case "Hello World">hw<#break><#case 1>n</#switch>
<#switch data.n><#case "a">a</#switch>
<#switch data.absent><#case 1>x</#switch>
<#switch 1>x<#case 1>y</#switch>
<#switch 1> <#-- c --> <#case 1>y</#switch>
<#switch 1><#default>d<#case 1>one</#switch>
<#switch 2><#default>d<#case 1>one</#switch>
<#switch 1><#case 1>a<#default>b<#default>c</#switch>
<#switch 1><#case 1>a<#default>b<#case 2>c</#switch>
<#switch 3><#case 1>a<#default>b<#break><#case 2>c</#switch>
<#switch 1><#case 1>a<#case "x">b</#switch>
<#switch 1><#case data.absent>a</#switch>
<#switch 1>${1}<#case 1>y</#switch>
<#switch data.t><#case true>t<#break><#case false>f</#switch>
<#switch data.html><#case data.html>same</#switch>
## --- #assign, #global, #local
<#assign a = 1, b = 2 c = 3>${a}${b}${c}
<#assign a = 1 b>
<#assign a = 1, b>
<#assign a = 1 b c>
<#assign a b>
<#assign a = 1 b += >
<#assign a = 1 "b">
<#assign a = 1, 2>
<#assign a = 1,>
<#assign a = 1, b = 2, c++>${a}${b}
<#assign s = "a"><#assign s++>
<#assign x++>
ab <#assign x-->
<#assign x += 1>
<#assign s = "a"><#assign s -= 1>
<#assign a = 1, s = "x", s++>
<#assign n = 1><#assign n -= "x">
<#assign n = 1, n -= "x">
<#assign x = data.absent>
<#assign a = 1, x = data.absent>
<#macro m><#local a = 1, b = data.absent></#macro><@m/>
<#global a = 1, b += 1>
<#assign n = 1><#assign n += 2><#assign n *= 3><#assign n -= 1><#assign n /= 2><#assign n %= 3>${n}
<#assign s = "a"><#assign s += "b">${s}
<#assign "a b" = 1>${.vars["a b"]}
## --- #attempt, #compress, #stop, placement errors
<#attempt>a${data.absent}b<#recover>r</#attempt>
<#attempt>a<#attempt>${data.absent}<#recover>in</#attempt><#recover>out</#attempt>
<#attempt>${data.absent}</#attempt>
<#compress><#if true>  x  </#if>   y</#compress>
<#stop>
<#stop "msg">
a<#flush>b
<#list 1..3 as i><#items as j></#items></#list>
<#items as x></#items>
<#sep>
<#break>
<#continue>
<#recover>
<#else>
<#elseif true>
</#if>
</@>
<#if true>
<#if true>x</#list>
<#macro m>
<@m>
## --- loop-variable built-ins are checked while parsing
<#macro m><#nested 1></#macro><@m ; a>${a?index}</@m>
${data.s?index}
<#list 1..2 as i></#list>${i?index}
<#list 1..2 as i>${i?index}<#else>${i?index}</#list>
<#list data.map as k, v>${k?index}${v?counter}</#list>
<#list 1..2 as i><#macro m>${i?index}</#macro></#list>
<#list 1..2 as i>${(i)?index}</#list>
<#list 1..2 as i><#list 1..2 as j>${i?index}${j?index}</#list></#list>
<#list data.names><#items as n>${n?index}</#items></#list>
<#list 1..2 as i><@m ; i>${i?index}</@m></#list>
<#list 1..2 as i><@m ; j>${i?index}</@m></#list>
<#list [1] as i><#assign x = i?counter>${x}</#list>
## --- #comment and the deprecated #foreach
<#comment>x ${ <#if> </#comment>y
<#comment>x
a <#comment>x</#comment> b
<#foreach x in data.list>${x}</#foreach>
<#foreach x in data.list>${x?index}<#if x == 1><#break></#if></#foreach>
<#foreach x data.list>${x}</#foreach>
<#foreach x in data.list>${x}</#list>
<#foreach x in data.s>${x}</#foreach>
<#forEach x in data.list>${x}</#forEach>
<#foreach x in data.list>${x}<#sep>,</#foreach>
<#foreach x in data.list>${x}<#else>e</#foreach>
