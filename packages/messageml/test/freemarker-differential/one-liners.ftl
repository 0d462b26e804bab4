## One template a line (lines starting with "## " are comments). Data: DATA in corpus.ts.
## --- interpolation and values
${data.s}
${entity.s}
${data.n}
${data.neg}
${data.zero}
${data.d}
${data.half}
${data.q}
${data.big}
${data.tiny}
${data.huge}
${data.ratio}
${data.t}
${data.nul}
${data.absent}
${data.absent!}
${data.absent!"dflt"}
${data.nul!"was null"}
${data.nested.a.b.c}
${data.nested.a.x.c}
${(data.nested.a.x.c)!"none"}
${data.nested.a.x.c!"none"}
${data.nested.a.b.c!"none"}
${data.list}
${data.map}
${data['s']}
${data["nested"]["a"]["b"]["c"]}
${data.names[1]}
${data.names[5]}
${data.names[5]!"out"}
${data.s[0]}
${data.s[1..3]}
${data.s[6..]}
${data.s[0..<5]}
${data.names[1..2]?join("|")}
${obj.x}
${data.s.x}
${data.n.x}
x ${ data.s } y
${"a" + "b"}
${"n=" + data.n}
${data.n + "!"}
${data.s + data.n}
${"${data.s} and ${data.n}"}
${r"${data.s}"}
${'single ${data.n}'}
${"esc \" \\ \n tab\t"}
${"\x41\x0042"}
#{data.n}
#{data.d}
#{data.big}
#{3.14159}
#{data.d; m2}
#{data.d; m1M3}
#{data.n; m2M4}
#{data.s}
## --- arithmetic (BigDecimal)
${1 + 2}
${0.1 + 0.2}
${(0.1 + 0.2)?c}
${0.0025}
${1/3}
${(1/3)?c}
${(2/3)?c}
${10/4}
${(10/4)?c}
${7 % 3}
${-7 % 3}
${7.5 % 2}
${2 * 3.5}
${(1.10 + 1)?c}
${1 - 3}
${-data.n}
${--data.n}
${+data.n}
${data.d * 2}
${(data.d * 2)?c}
${data.ratio?c}
${(data.ratio + 0)?c}
${data.half + 0}
${data.half * 1}
${(data.q * 3)?c}
${data.n / 0}
${data.n % 0}
${data.d / 7}
${(data.d / 7)?c}
${1.0000000000000000001?c}
${123456789012345678901234567890}
${(123456789012345678901234567890 * 10)?c}
${(data.big * 1000)?c}
${data.big * 1000}
${1e3}
${0.5 + data.s}
${data.s - 1}
${data.s * 2}
${data.t + 1}
${3 > 2}
${(3 > 2)?c}
${(3 gt 2)?c} ${(2 lt 3)?c} ${(3 gte 3)?c} ${(3 lte 2)?c}
${(1 == 1.0)?c}
${(0.1 + 0.2 == 0.3)?c}
${(data.ratio == 0.3)?c}
${("a" == "a")?c} ${("a" != "b")?c} ${("a" = "a")?c}
${("a" == 1)?c}
${("a" < "b")?c}
${(data.t == true)?c}
${(data.t && data.f)?c} ${(data.t || data.f)?c} ${(!data.t)?c}
${(data.n && true)?c}
${(data.f && data.absent)?c}
${(data.t || data.absent)?c}
${(data.t && data.absent)?c}
${(data.absent??)?c} ${(data.s??)?c} ${(data.nul??)?c} ${(data.nested.a.x.c??)?c} ${(data.nested.a.x??)?c}
${((data.nested.q.x.c)??)?c}
${(data.nested.q.x.c??)?c}
${(1..3)?join(",")} ${(3..1)?join(",")} ${(1..<4)?join(",")} ${(1..<1)?size}
${(1..)[2]}
${(0..5)?size}
${[1, 2, 3]?join("-")}
${[]?size}
${{"a": 1, "b": 2}.b}
${{"a": 1} + {"b": 2}}
${({"a": 1} + {"b": 2})?keys?join(",")}
${([1] + [2, 3])?join(",")}
${{"a": 1, 2: 3}.a}
${(data.n > 40)?then("big", "small")}
${data.s?then("y", "n")}
${(data.n > 40)?then("big", data.absent)}
## --- number built-ins
${data.d?c} ${data.n?c} ${data.neg?c} ${data.big?c} ${data.tiny?c} ${data.huge?c}
${data.d?string} ${data.d?string.computer} ${data.d?string.number}
${data.d?string("0.00")} ${data.n?string("0.00")} ${data.half?string("0.000")} ${data.half?string("0.00")}
${data.big?string("#,##0")} ${data.d?string("#,##0")} ${data.big?string("#,##0.00")} ${1234.5?string("#,##0.00")}
${data.d?string("0.#")} ${data.q?string("0.##")} ${1.005?string("0.00")} ${2.5?string("0")} ${3.5?string("0")} ${data.neg?string("000")}
${data.d?string("#")} ${0.5?string("#")} ${1234567?string(",##0")}
${data.q?string("percent")} ${0.256?string.percent} ${0.5?string("0%")}
${data.d?string("currency")}
${data.n?string("00.0##")}
${data.d?round} ${data.d?floor} ${data.d?ceiling} ${data.d?int} ${data.neg?abs}
${2.5?round} ${(-2.5)?round} ${3.5?round} ${(-3.5)?round} ${(-2.4)?round} ${0.5?round}
${(-1.5)?floor} ${(-1.5)?ceiling} ${(-1.5)?int} ${(-0.5)?abs}
${data.n?is_number?c} ${data.s?is_string?c} ${data.t?is_boolean?c} ${data.list?is_sequence?c} ${data.map?is_hash?c} ${data.map?is_hash_ex?c} ${data.list?is_enumerable?c}
${data.s?is_number?c} ${data.n?is_string?c} ${data.list?is_hash?c} ${data.map?is_sequence?c}
${data.n?is_macro?c}
${data.numstr?number} ${(data.numstr?number + 1)?c} ${"1e3"?number} ${" 7 "?number} ${"x"?number}
${"0x10"?number}
${data.boolstr?boolean?c} ${"false"?boolean?c} ${"yes"?boolean?c}
${data.n?abs} ${data.s?abs}
${data.n?lower_case}
${1?string("a", "b")}
${data.n?left_pad(6)} ${data.n?c?left_pad(6, "0")}
${data.n?round?c}
${data.big?string.computer}
${(data.big + 0.5)?c}
${1000000?c} ${1000000} ${-1000000} ${0.001} ${0.0001} ${-0.0001} ${123456.7891}
## --- string built-ins
${data.s?upper_case} ${data.s?lower_case} ${data.s?cap_first} ${data.s?uncap_first} ${data.s?length}
${"hello wORLD foo"?capitalize} ${"  hi there"?cap_first} ${"élan"?upper_case}
${data.sp?trim}|
${data.s?contains("World")?c} ${data.s?contains("x")?c} ${data.s?starts_with("He")?c} ${data.s?ends_with("ld")?c}
${data.s?index_of("o")} ${data.s?index_of("z")} ${data.s?last_index_of("o")} ${data.s?index_of("o", 5)}
${data.s?replace("o", "0")} ${data.s?replace("", "-")} ${"a.b.c"?replace(".", "/")}
${"a1b22c"?replace("[0-9]+", "#", "r")} ${"Aaa"?replace("a", "x", "i")} ${"aaa"?replace("a", "b", "f")}
${data.csv?split(",")?join("|")} ${data.csv?split(",")?size} ${"a1b2c"?split("[0-9]", "r")?join(",")}
${data.s?substring(6)} ${data.s?substring(0, 5)} ${data.s?substring(20)}
${data.s?keep_before(" ")} ${data.s?keep_after(" ")} ${data.s?keep_before_last("o")} ${data.s?keep_after_last("o")} ${data.s?remove_beginning("Hel")} ${data.s?remove_ending("rld")}
${data.s?ensure_starts_with(">")} ${data.s?ensure_ends_with("!")}
${data.html?html} ${data.html?xhtml} ${data.html?xml} ${data.html?js_string} ${data.html?json_string}
${data.text?js_string} ${data.text?json_string} ${"tab\there"?js_string} ${"back\\slash"?json_string} ${"</script>"?js_string}
${data.url?url} ${data.url?url("UTF-8")} ${data.url?url('ISO-8859-1')} ${data.url?url_path("UTF-8")}
${data.s?word_list?join("_")} ${"  a  b c "?word_list?size}
${data.s?chop_linebreak} ${"abc\n"?chop_linebreak}|
${data.s?left_pad(15)}| ${data.s?right_pad(15, ".")}| ${data.s?left_pad(3)}|
${data.s?center_pad(17, "*")}
${data.s?matches("H.*d")?c} ${data.s?matches("h.*")?c} ${data.s?matches("(?i)h.*")?c}
${data.s?has_content?c} ${data.e?has_content?c} ${data.absent?has_content?c} ${data.empty?has_content?c} ${data.emptyMap?has_content?c} ${data.nul?has_content?c}
${data.absent?if_exists} ${data.s?if_exists}
${data.s?string} ${data.s?string("a", "b")}
${data.s?c}
${data.s?truncate(5)} ${data.s?truncate(20)}
${data.s?esc}
${data.s?no_esc}
${data.e?length} ${data.e?upper_case}|
${data.s?x_unknown}
${data.s?size}
${data.s?first}
${data.s?contains(1)}
${"abc"?string?length}
${"1,234"?number}
${"a-b"?split("-")[1]}
${"%d items"?replace("%d", data.n?c)}
${data.s?lower_case?replace("world", "you")?cap_first}
${data.s?starts_with("")?c}
## --- boolean built-ins
${data.t?c} ${data.f?c} ${data.t?string} ${data.t?string("yes", "no")} ${data.f?string("yes", "no")}
${data.t?then(1, 2)} ${data.f?then(1, 2)}
${data.t?string("on")}
${data.t?string("a", "b", "c")}
${true?c} ${false?string("Y", "N")}
${data.t?has_content?c}
${data.t?is_boolean?then("b", "x")}
## --- sequence built-ins
${data.list?size} ${data.list?first} ${data.list?last} ${data.list?reverse?join(",")} ${data.list?sort?join(",")} ${data.names?sort?join(",")}
${data.list?join(", ")} ${data.list?join(", ", "none")} ${data.empty?join(", ", "none")} ${data.list?join(", ", "", ".")}
${data.list?seq_contains(2)?c} ${data.list?seq_contains(9)?c} ${data.names?seq_contains("bob")?c} ${data.list?seq_contains("2")?c}
${data.list?seq_index_of(2)} ${data.list?seq_index_of(9)} ${data.names?seq_last_index_of("bob")}
${data.rows?sort_by("name")?map(r -> r.name)?join(",")}
${data.rows?sort_by("price")?first.name} ${data.rows?sort_by("qty")?last.name}
${data.list?chunk(2)?size} ${data.list?chunk(2)?last?join("+")} ${data.list?chunk(2, 0)?last?join("+")}
${data.empty?first!"none"}
${data.empty?first}
${data.empty?last}
${data.list?min} ${data.list?max} ${data.names?min}
${data.list?filter(x -> x > 1)?join(",")}
${data.list?map(x -> x * 2)?join(",")}
${data.mixed?join(",")}
${data.mixed?sort}
${data.names?sort?reverse[0]}
${data.list[0] + data.list[1]}
${data.list["a"]}
${data.map[0]}
${data.map?keys?join(",")} ${data.map?values?join(",")} ${data.map?size}
${data.list?keys}
${data.emptyMap?size} ${data.empty?size}
${data.s?reverse}
${data.list?size?c}
${data.rows?size}
${data.names?seq_contains(data.names[0])?c}
${data.names?join}
## --- escaping and output formats
<#ftl output_format="HTML">${data.html}
<#ftl output_format="HTML">${data.html?no_esc}
<#ftl output_format="HTML">${data.html?esc}
<#ftl output_format="HTML">${data.html?html}
<#ftl output_format="XML">${data.html}
<#ftl output_format="XHTML">${data.html}
<#ftl output_format="plainText">${data.html}
<#ftl output_format="RTF">${data.html}
<#ftl output_format="JavaScript">${data.html}
<#ftl output_format="JSON">${data.html}
<#ftl output_format="CSS">${data.html}
<#ftl output_format="nonsense">${data.html}
<#ftl output_format="HTML" auto_esc=false>${data.html}
<#ftl output_format="HTML"><#noautoesc>${data.html}</#noautoesc>${data.html}
<#ftl output_format="HTML" auto_esc=false><#autoesc>${data.html}</#autoesc>${data.html}
<#ftl output_format="HTML">${"<i>" + data.html?no_esc}
<#ftl output_format="HTML">${data.s?no_esc?upper_case}
<#ftl output_format="HTML">${data.html?no_esc?length}
<#ftl output_format="HTML">${data.html?js_string}
<#ftl output_format="HTML"><#assign m><b>${data.html}</b></#assign>${m}
<#ftl output_format="HTML">${data.n} ${data.t?c}
<#ftl output_format="HTML">${"'"} ${"\""}
${data.html?no_esc}
${data.html?esc}
<#noautoesc>${data.html}</#noautoesc>
<#autoesc>${data.html}</#autoesc>
<#ftl output_format="HTML">${data.html?markup_string}
<#ftl output_format="HTML">${data.html?no_esc?markup_string}
<#ftl output_format="HTML">#{data.d}
<#ftl strip_whitespace=false>  ${data.s}
<#ftl encoding="UTF-8">${data.s}
<#ftl foo="bar">${data.s}
<#ftl>${data.s}
<#ftl attributes={"a": 1}>${data.s}
<#ftl strip_text=true>text ${data.s}<#if true>in</#if>
## --- directives in one line
<#if data.t>yes</#if>
<#if data.f>yes<#else>no</#if>
<#if data.n == 1>one<#elseif data.n == 42>answer<#else>other</#if>
<#if data.n gt 40>gt</#if><#if data.n lt 50>lt</#if>
<#if (data.n > 40)>gt</#if>
<#if data.n >= 40>ge</#if>
<#if data.s>x</#if>
<#if data.absent>x</#if>
<#if data.absent??>x<#else>missing</#if>
<#if data.absent?? && data.absent.x>x<#else>short-circuit</#if>
<#if data.t></#if>done
<#if data.t>a<#elseif>b</#if>
<#if>x</#if>
<#if data.t>x
<#if data.t>x</#list>
<#else>x
</#if>
<#list data.names as n>${n} </#list>
<#list data.names as n>${n?index}:${n?counter}:${n?has_next?c}:${n?is_first?c}:${n?is_last?c} </#list>
<#list data.names as n>${n?item_parity}${n?item_parity_cap}${n?is_odd_item?c}${n?is_even_item?c}${n?item_cycle("a","b","c")} </#list>
<#list data.names as n>${n}<#sep>, </#list>
<#list data.names as n>${n}<#sep>, </#sep>!</#list>
<#list data.names><ul><#items as n><li>${n}</li></#items></ul><#else>none</#list>
<#list data.empty><ul><#items as n><li>${n}</li></#items></ul><#else>none</#list>
<#list data.empty as n>${n}<#else>empty</#list>
<#list data.names as n><#if n == "alice"><#break></#if>${n}</#list>
<#list data.names as n><#if n == "alice"><#continue></#if>${n}</#list>
<#list data.map as k, v>${k}=${v};</#list>
<#list data.map?keys as k>${k}=${data.map[k]};</#list>
<#list data.list as n>${n}</#list>
<#list 1..5 as i>${i}</#list>
<#list 5..1 as i>${i}</#list>
<#list 1..0 as i>${i}</#list>
<#list 1..<1 as i>${i}</#list>
<#list [] as i>${i}<#else>none</#list>
<#list data.s as c>${c}</#list>
<#list data.map as v>${v}</#list>
<#list data.list as k, v>${k}</#list>
<#list data.absent as x>${x}</#list>
<#list data.nul as x>${x}</#list>
<#list data.absent![] as x>${x}<#else>none</#list>
<#list data.rows as r>${r.name}:${r.price}x${r.qty}=${r.price * r.qty} </#list>
<#list data.rows?filter(r -> r.done) as r>${r.name} </#list>
<#list data.names as n>${n}<#list data.list as m>${m}</#list> </#list>
<#list data.names as n><#list data.list as m>${n?index}${m?index} </#list></#list>
<#list data.names as n>${n}</#list>${n!"gone"}
<#items as x>${x}</#items>
<#sep>,
<#break>
<#list data.names as n><#items as m>${m}</#items></#list>
<#list data.names><#items as n>${n}<#sep>, </#items></#list>
<#list data.names as n>${n}<#sep>,</#list> ${data.names?size}
<#list 1..3 as i><#list 1..3 as j><#if j == 2><#break></#if>${i}${j} </#list></#list>
<#assign x = 1>${x}
<#assign x = 1 y = "b">${x}${y}
<#assign x = 1, y = 2>${x + y}
<#assign x = 1><#assign x += 2>${x}
<#assign x = 5><#assign x -= 2><#assign x *= 3><#assign x /= 2>${x}
<#assign x = 7><#assign x %= 4>${x}
<#assign x = 1><#assign x++>${x}<#assign x-->${x}
<#assign s = "a"><#assign s += "b">${s}
<#assign x>captured ${data.n}</#assign>${x}
<#assign x>captured</#assign>${x?length}
<#global g = "glob">${g}
<#assign data = "shadow">${data}
<#assign x = data.absent>${x}
<#assign x = data.absent!"d">${x}
<#assign x++>
<#assign x = y>
<#local x = 1>
<#assign seq = data.list + [4]>${seq?join(",")}
<#assign h = {"k": "v"}>${h.k}
<#assign x = 0.1><#assign x = x + 0.2>${x?c}
<#macro greet name>Hello ${name}!</#macro><@greet name="Ann"/>
<#macro greet name>Hello ${name}!</#macro><@greet "Ann"/>
<#macro greet name="World">Hello ${name}!</#macro><@greet/>
<#macro greet name>Hello ${name}!</#macro><@greet/>
<#macro greet name>Hello ${name}!</#macro><@greet nam="x"/>
<#macro greet name>Hello ${name}!</#macro><@greet "a" "b"/>
<#macro m a b="B" c...>${a}${b}${c?size}</#macro><@m a="A" x=1 y=2/>
<#macro m a c...>${a}<#list c as x>${x}</#list></#macro><@m 1 2 3/>
<#macro box>[<#nested>]</#macro><@box>inside</@box>
<#macro box>[<#nested>|<#nested>]</#macro><@box>x</@box>
<#macro loop><#list 1..3 as i><#nested i, i * 2></#list></#macro><@loop ; a, b>${a}-${b} </@loop>
<#macro loop><#nested 1></#macro><@loop ; x>${x}</@loop>
<#macro m><#return>after</#macro>before<@m/>end
<#macro m>${data.n}</#macro><@m></@m>
<#macro m></#macro><@m/><@nope/>
<@nope/>
<#macro m a>${a}</#macro><@m a=data.absent/>
<#macro m a>${a}</#macro><@m a=data.absent!"d"/>
<#macro m>${x}</#macro><#assign x = 1><@m/>
<#macro m><#local y = 2>${y}</#macro><@m/>${y!"none"}
<#macro m><#assign z = 3></#macro><@m/>${z}
<#macro m><#global w = 4></#macro><@m/>${w}
<#macro outer><#macro inner>in</#macro></#macro>
<#macro m a b>${a}${b}</#macro><@m a=1 2/>
<#macro m>x</#macro>${m}
<#macro m>x</#macro><#if m??>defined</#if>
<#macro m a>${a}</#macro><@m a=1>body</@m>
<#macro m a>${a}</#macro><@m a=1></@x>
<#function double x><#return x * 2></#function>${double(21)}
<#function f a b=1><#return a + b></#function>${f(1)} ${f(1, 2)}
<#function f><#return "x"></#function>${f()}
<#function f>text</#function>${f()}
<#function f x><#if x gt 0><#return "pos"></#if><#return "neg"></#function>${f(1)}${f(-1)}
${data.s?upper_case()}
${data.s.length()}
<#switch data.n><#case 1>one<#break><#case 42>answer<#break><#default>other</#switch>
<#switch data.n><#case 42>a<#case 43>b<#break><#default>c</#switch>
<#switch data.s><#case "x">x<#default>default</#switch>
<#switch data.n><#default>d<#case 42>c</#switch>
<#switch data.absent><#case 1>x</#switch>
<#switch data.n><#on 42>on</#switch>
<#switch data.n></#switch>
<#attempt>${data.absent}<#recover>recovered</#attempt>
<#attempt>ok ${data.n}<#recover>recovered</#attempt>
<#attempt>partial ${data.absent}<#recover>R</#attempt>
<#attempt>${data.absent}</#attempt>
<#attempt><#attempt>${data.absent}<#recover>inner</#attempt><#recover>outer</#attempt>
<#compress>  a   b  
  c  </#compress>
<#compress>${data.sp} x</#compress>|
a<#stop>b
a<#stop "why">b
<#noparse>${data.s} <#if></#noparse>
<#-- comment -->x<#-- ${data.absent} -->y
<#-- unclosed
<#--->x
x<#t>
<#lt>x
<#rt>x
<#nt>x
<#flush>x
<#setting number_format="0.00">${data.n}
<#setting number_format="computer">${data.big}
<#setting locale="de_DE">${data.d}
<#setting boolean_format="yes,no">${data.t}
<#setting nonsense="x">
<#setting url_escaping_charset="UTF-8">${data.url?url}
<#include "other.ftl">
<#import "lib.ftl" as lib>
<#visit data>
<#escape x as x?html>${data.html}</#escape>
<#escape x as x?html>${data.html}<#noescape>${data.html}</#noescape></#escape>
<#nonsense>
</#nonsense>
<#if data.t>unclosed
<@m
${
${}
${data.s
${data.s?}
${data..s}
${data.s +}
${"unterminated}
${1 +* 2}
${data.s?new()}
${"java.lang.Object"?new()}
${"freemarker.template.utility.Execute"?new()("id")}
${.now}
${.version}
${.lang} ${.locale}
${.output_format}
<#ftl output_format="HTML">${.output_format}
${.data_model.data.s}
${.globals.data.s}
${.vars.data.s}
${.main}
${.nonsense}
${.template_name}
${.current_template_name}
${.namespace}
${data.s?eval}
${"1 + 2"?eval}
${data.s?interpret}
${"a"?api}
${.error}
<#recover>
#{data.d; m2M1}
${[1, 2][data.absent]}
${data.map.x.y}
${data.names.x}
${data.list?size + data.s}
${data.f?then("a")}
${data.t?then("a", "b", "c")}
${data.n?string("")}
${data.s?replace("a")}
${data.s?contains()}
${data.s?substring(-1)}
${data.s?substring(3, 1)}
${data.s?substring(1.5)}
${data.names[1.7]}
${data.names[-1]}
${data.names["1"]}
${data.s?url()}
${"a"?index_of("b", "c")}
${data.s?split("o", "x")?join(",")}
${(data.n > 1)?string}
${data.n?boolean}
## --- built-ins as methods, calls, literals running into the end
${data.s?upper_case()}
${data.s?length()}
${data.s?string()}
${data.s?replace}
${data.s?replace?is_method?c}
${(data.s?replace)("l", "L")}
${data.s?upper_case?is_method?c}
${data.list?seq_contains}
${"aaa"?replace("a", "b", "f")} ${"aAa"?replace("a", "b", "fi")} ${"a.a"?replace(".", "-", "f")}
${" 7 "?number}
${"+7"?number} ${".5"?number} ${"1."?number} ${"-2e2"?number}
${"x"?new}
${"x"?new()("id")}
${data.s("x")}
${"x}
${"x
## --- output formats (RTF, JavaScript, JSON, CSS) and markup values
<#ftl output_format="HTML"><#assign m>${data.html}</#assign>${m?is_markup_output?c} ${m?markup_string}
<#ftl output_format="HTML">${("x" + "<"?no_esc)?markup_string}
<#ftl output_format="HTML">${"<"?esc?markup_string}
<#ftl output_format="HTML">${"<"?esc?esc?markup_string}
<#ftl output_format="HTML">${data.n?no_esc}
<#ftl output_format="HTML">${data.t?no_esc}
<#ftl output_format="HTML">${data.n?esc}
<#ftl output_format="HTML">${(data.n + "<"?no_esc)?markup_string}
<#ftl output_format="HTML">${data.html?no_esc?has_content?c} ${""?no_esc?has_content?c}
<#ftl output_format="HTML">${data.html?no_esc!"d"}
<#ftl output_format="HTML">${[data.html?no_esc]?join(",")}
<#ftl output_format="HTML">${data.html?no_esc?is_string?c}
<#ftl output_format="HTML"><#if data.html?no_esc?has_content>y</#if>
<#ftl output_format="HTML">${"a"?no_esc?trim}
<#ftl output_format="HTML"><#list [data.html?no_esc, "<"] as x>${x}</#list>
<#ftl output_format="HTML"><#assign x = "<"?no_esc>${x}${x?markup_string}
<#ftl output_format="RTF">${"a\\b{c}"}
<#ftl output_format="RTF">${"{"?no_esc}
<#ftl output_format="RTF">${"{"?esc}
<#ftl output_format="RTF" auto_esc=false>${"{"}
<#ftl output_format="XML">${"'"} ${"'"?esc}
<#ftl output_format="XHTML">${"'"} ${"'"?esc}
<#ftl output_format="plainText">${"'"?esc}
<#ftl output_format="JavaScript">${data.html}
<#ftl output_format="JSON">${data.html}
<#ftl output_format="CSS">${data.html}
<#ftl output_format="JavaScript">${.output_format} ${data.html?js_string} ${data.html?html}
<#ftl output_format="JSON">${.output_format} ${data.html?json_string}
<#ftl output_format="CSS">${.output_format}
<#ftl output_format="RTF">${.output_format} ${"x"?rtf}
<#ftl output_format="RTF" auto_esc=false>${"{x}"?rtf}
${"{x}\\"?rtf}
<#ftl output_format="JSON">${"x"?esc}
<#ftl output_format="CSS">${"x"?no_esc}
<#ftl output_format="JavaScript"><#noautoesc>${data.html}</#noautoesc>
<#ftl output_format="JSON"><#autoesc>${data.html}</#autoesc>
<#ftl output_format="HTML">${data.html?no_esc + data.html}
<#ftl output_format="HTML">${data.html + data.html?no_esc}
<#ftl output_format="HTML" auto_esc=false>${"<" + "<"?no_esc}
<#ftl output_format="HTML" auto_esc=false>${"<"?esc}
<#ftl output_format="HTML">${"${data.n}"?no_esc}
${.output_format}
<#ftl output_format="plainText">${.output_format}
<#ftl output_format="HTML">${.output_format}
<#ftl output_format="XML">${.output_format} ${.auto_esc?c}
${.auto_esc?c}
## --- truncate family
${data.s?truncate(5)} ${data.s?truncate(20)} ${data.s?truncate(0)} ${data.s?truncate(1)} ${data.s?truncate(6)} ${data.s?truncate(7)} ${data.s?truncate(8)} ${data.s?truncate(9)} ${data.s?truncate(10)} ${data.s?truncate(11)}
${data.s?truncate_w(8)} ${data.s?truncate_w(9)} ${data.s?truncate_w(10)} ${data.s?truncate_w(5)}
${data.s?truncate_c(8)} ${data.s?truncate_c(9)} ${data.s?truncate_c(10)} ${data.s?truncate_c(5)}
${data.s?truncate(8, "...")} ${data.s?truncate(8, "…")} ${data.s?truncate(8, "")} ${data.s?truncate(8, "~", 1)} ${data.s?truncate(8, "...", 0)}
${"Some sentence. Other words here"?truncate(18)} ${"Some sentence. Other words"?truncate(17, "...")} ${"a... b... c... d"?truncate_c(8, "...")} ${"a... b... c... d"?truncate_c(8)}
${"This is a long text to be truncated"?truncate(20)} ${"This is a long text to be truncated"?truncate_w(20)} ${"This is a long text to be truncated"?truncate_c(20)}
${"Thisisalongwordwithoutanyspaces"?truncate(15)} ${"Thisisalongwordwithoutanyspaces"?truncate_w(15)}
${"a   b   c   d   e   f"?truncate(12)} ${"a   b   c   d   e   f"?truncate_c(12)} ${"tab\there\tand\tthere"?truncate(10)}
${data.s?truncate(-1)}
${data.s?truncate(5, data.s?no_esc)}
${data.s?truncate_m(5)} ${data.s?truncate_m(50)} ${data.s?truncate_m(8)} ${data.s?truncate_w_m(8)} ${data.s?truncate_c_m(8)}
${data.s?truncate_m(5)?is_markup_output?c}
<#ftl output_format="XML">${data.s?truncate_m(5)}
<#ftl output_format="RTF">${data.s?truncate_m(5)}
<#ftl output_format="plainText">${data.s?truncate_m(5)}
<#ftl output_format="HTML">${data.s?truncate_m(5)}
<#ftl output_format="HTML">${data.s?truncate_m(8, "..."?no_esc)} ${data.s?truncate_m(8, "<b>.</b>"?no_esc)} ${data.s?truncate_m(8, "&#8230;"?no_esc)}
<#ftl output_format="HTML">${"<a & b> c d e"?truncate_m(8, "<i>x</i>"?no_esc)}
<#ftl output_format="HTML">${data.s?truncate(5, "<b>")}
<#ftl output_format="HTML">${data.s?truncate(5, "..."?no_esc)}
<#ftl output_format="RTF">${data.s?truncate_m(8, "{x}"?no_esc)}
<#ftl output_format="XML">${data.s?truncate_m(8, "<x/>..."?no_esc)}
${data.n?truncate(1)}
${data.s?truncate}
${data.s?truncate("5")}
${data.s?truncate(5, 1)}
${data.s?truncate_m(5)}
<#ftl output_format="HTML">${data.s?truncate_m(5, "..."?no_esc)}
## --- lambdas: ?filter ?map ?take_while ?drop_while
${data.rows?sort_by("name")?map(r -> r.name)?join(",")}
${data.list?filter(x -> x > 1)?join(",")}
${data.list?map(x -> x * 2)?join(",")}
<#list data.rows?filter(r -> r.done) as r>${r.name} </#list>
${data.list?filter((x) -> x > 1)?join(",")}
${data.list?take_while(x -> x > 2)?join(",")} ${data.list?drop_while(x -> x > 2)?join(",")} ${data.list?take_while(x -> x < 9)?size} ${data.list?drop_while(x -> x < 9)?size}
${data.names?filter(n -> n?starts_with("a"))?join(",")} ${data.names?map(n -> n?upper_case)?join(",")}
${data.list?filter(x -> x)?join(",")}
${data.list?filter(x -> data.absent)?join(",")}
${data.list?map(x -> data.absent)?size}
${data.list?map(x -> data.absent)?join(",")}
${data.list?filter(x -> x > 1)}
${data.s?filter(x -> true)}
${data.map?filter(x -> true)?size}
${data.list?filter(data.s)}
${data.list?filter(data.s?replace)?size}
${data.list?filter()}
${data.list?filter(x -> true, 1)}
${data.list?filter(x, y -> true)}
${(x -> 1)}
${data.list?seq_contains(x -> 1)}
<#assign x = "outer">${data.list?map(x -> x + 1)?join(",")} ${x}
<#list data.names as n>${data.list?map(n -> n?index)?join(",")}</#list>
<#list data.names as n>${data.list?map(x -> n?index)?join(",")} </#list>
${data.mixed?filter(x -> x?is_number)?join(",")}
${[1, data.nul, 3]?map(x -> x!0)?join(",")}
${[1, data.nul, 3]?filter(x -> x??)?join(",")}
${(1..5)?filter(i -> i % 2 == 0)?join(",")} ${(1..)?take_while(i -> i < 4)?join(",")}
${data.rows?filter(r -> r.price > 2)?map(r -> r.name + "=" + r.qty)?join("; ")}
${data.list?map(x -> [x, x])?size} ${data.list?map(x -> {"v": x})?first.v}
${data.list?filter(x -> x > 1)?size} ${data.list?filter(x -> x > 1)?first} ${data.list?map(x -> x * 2)?last}
${data.list?filter(x->x>1)?join(",")}
${data.list?map(x -> x?string("0.0"))?join(",")}
${data.empty?map(x -> x.y)?size}
${data.list?filter(x -> x > "a")?size}
${data.list?map(x -> x.y)?size}
${data.list?map(x -> x * 2)?is_sequence?c}
<#if data.list?filter(x -> x > 2)?has_content>has</#if>
## --- special variables
${.nonsense}
${.template_name} ${.current_template_name} ${.main_template_name} ${.templateName} ${.mainTemplateName} ${.currentTemplateName}
${.caller_template_name}
<#macro m>${.caller_template_name}</#macro><@m/>
${.globals.data.s}
<#global g = 1><#assign a = 2>${.globals.g} ${(.globals.a)!"no"} ${.main.a} ${(.main.g)!"no"} ${.namespace.a}
${.data_model?keys?join(",")} ${.dataModel.data.s}
${.locals!"none"}
${(.locals??)?c}
<#macro m x><#local y = 2>${.locals?keys?join(",")}</#macro><@m x=1/>
${.error}
<#attempt>${data.absent}<#recover>${(.error?length > 0)?c}</#attempt>
${.node!"none"}
${.output_encoding!"none"}
${.url_escaping_charset!"none"}
${.time_zone} ${.timeZone}
${.incompatible_improvements} ${.version} ${.lang} ${.locale}
${.locale_object}
${.pass}
${.args}
${.get_optional_template}
${.main}
${.globals}
${.auto_esc?c} ${.autoEsc?c} ${.output_format} ${.outputFormat}
<#assign a = 2>${.main.a} ${.main?keys?join(",")} ${.namespace?size}
## --- ?eval ?eval_json ?interpret ?api
${data.s?eval}
${"1 + 2"?eval}
${"data.n * 2"?eval} ${"[1, 2]"?eval?size} ${"{'a': 1}"?eval.a} ${"'x'"?eval}
${"data.absent"?eval}
${"data.absent"?eval!"d"}
${"1 +"?eval}
${"  3  "?eval}
${"1 / 0"?eval}
${"data.s?length"?eval}
<#assign x = 5>${"x + 1"?eval}
${data.n?eval}
${"1; 2"?eval}
${"{\"a\": [1, 2.5, true, null, \"s\"]}"?eval_json.a?size} ${"{\"a\": [1, 2.5, true]}"?eval_json.a[1]} ${"[1.0, 10000000000, 1e2]"?eval_json?join(",")}
${"{\"a\": {\"b\": \"c\"}}"?eval_json.a.b}
${"nope"?eval_json}
${"[1,]"?eval_json}
${"\"str\""?eval_json} ${"12"?eval_json + 1} ${"true"?eval_json?c}
${"null"?eval_json!"null"}
${"{'a': 1}"?eval_json.a}
${"[1, 2]"?eval_json?is_sequence?c} ${"{}"?eval_json?is_hash?c}
${data.s?interpret}
<#assign t = "x${data.n}"?interpret><@t/>
${"a"?api}
${data.map?api}
${data.s?eval_json}
${"/* c */ 1"?eval_json}
${"0.1"?eval_json + 0.2}
## --- dates: .now (the harness hands sprig the moment each case ran)
${.now}
${.now?is_date?c} ${.now?is_datetime?c} ${.now?is_date_only?c} ${.now?date?is_date_only?c} ${.now?time?is_time?c}
${.now?string("yyyy")} ${.now?string("yy-MM-dd HH:mm:ss")} ${.now?string("EEE, d MMM yyyy h:mm a z Z")} ${.now?string("EEEE MMMM D k K G u")}
${.now?string("'at' h 'o''clock'")}
${.now?date} ${.now?time} ${.now?datetime}
${.now?string.short} ${.now?string.medium} ${.now?string.long} ${.now?string.full}
${.now?date?string.short} ${.now?date?string.long} ${.now?date?string.full} ${.now?time?string.short} ${.now?time?string.long} ${.now?time?string.full}
${.now?string("short_long")} ${.now?string("full_short")}
${.now?long?is_number?c}
${.now?string("q")}
${.now?string("yyyy")?length}
${.now?upper_case}
${.now?c}
${.now + "!"}
${"x" + .now?date}
<#assign t = .now>${(t?long == t?long)?c}
${.now?date("yyyy")}
${data.s?date}
${.now?size}
${.now.x}
