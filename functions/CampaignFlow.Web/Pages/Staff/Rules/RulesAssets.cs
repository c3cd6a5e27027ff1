using System.Security.Cryptography;
using System.Text;

namespace CampaignFlow.Web.Pages.Staff.Rules;

/// <summary>
/// The rules editor's extra style and its one small script (live preview: after a pause in typing, the form is posted
/// to <c>/staff/rules/preview?panel=1</c> and the preview and any problems replace the live region; problems are put
/// beside their fields as text, below the field's row so the row's fields keep their columns). Both are inline and allowed by the Content-Security-Policy through their SHA-256;
/// no front-end build, no library. Without script the Preview button does the same with a full page.
/// </summary>
public static class RulesAssets
{
    public const string Css =
        ".subnav{display:flex;gap:1.2em;margin:.2em 0 1em}.editor{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.5em;align-items:start}"
        + "@media (max-width:70em){.editor{grid-template-columns:1fr}}"
        + "fieldset{border:1px solid #c9ced6;border-radius:4px;background:#fff;margin:0 0 .8em;padding:.6em .9em}legend{font-weight:bold;padding:0 .3em}"
        + "details{margin:0 0 .8em}summary{cursor:pointer;font-weight:bold;padding:.3em 0}"
        + ".group{display:grid;grid-template-columns:7em 6em 1fr;gap:.3em .8em;align-items:start}.group.prox{grid-template-columns:7em 6em 5em 1fr 1fr}"
        + ".group label{font-size:.88em}.group input,.group select,.group textarea,.thresholds input{width:100%;padding:.3em;border:1px solid #767676;border-radius:3px}"
        + ".group textarea{min-height:4.2em}.thresholds{display:flex;gap:1em;flex-wrap:wrap}.thresholds div{display:flex;flex-direction:column;width:9em}"
        + "textarea.json{width:100%;min-height:40em;font-family:Consolas,monospace;font-size:.9em;border:1px solid #767676}"
        + "[aria-invalid=true]{border:2px solid #b00020!important}p.error{margin:.2em 0;grid-column:1/-1}"
        + ".summary-box{border:2px solid #b00020;background:#fff;padding:.6em 1em;margin:0 0 1em}"
        + ".counts{font-size:1.2em;font-weight:bold}.up{color:#14532d}.down{color:#8a1c1c}"
        + "table.scores td,table.scores th{padding:.3em .5em}.better{color:#14532d;font-weight:bold}.worse{color:#8a1c1c;font-weight:bold}"
        + ".change{border-top:1px solid #d5d9df;padding:.5em 0}.change .storytext{max-height:14em;overflow:auto;border:1px solid #e2e5ea;padding:.4em;background:#fcfcfd}"
        + "#f-comment{width:100%}.buttons{display:flex;gap:.8em;flex-wrap:wrap;align-items:center;margin:.8em 0}button.secondary{background:#fff;color:#14365f;border:1px solid #14365f}";

    public const string Script =
        "(function(){var form=document.getElementById('rules-editor');var live=document.getElementById('live');"
        + "if(!form||!live||!window.fetch||!window.FormData)return;var timer=null,seq=0;"
        + "function clear(){form.querySelectorAll('[data-live-error]').forEach(function(e){e.remove();});"
        + "form.querySelectorAll('[data-live-invalid]').forEach(function(e){e.removeAttribute('aria-invalid');e.removeAttribute('data-live-invalid');});}"
        + "function mark(li){var f=form.querySelector('[name=\"'+CSS.escape(li.getAttribute('data-field'))+'\"]');if(!f)return;"
        + "var p=document.createElement('p');p.className='error';p.setAttribute('data-live-error','');p.textContent=li.getAttribute('data-message');"
        + "var g=f.closest('.group');if(g){g.appendChild(p);}else{f.insertAdjacentElement('afterend',p);}"
        + "if(!f.hasAttribute('aria-invalid')){f.setAttribute('aria-invalid','true');f.setAttribute('data-live-invalid','');}}"
        + "function update(){var n=++seq;var data=new FormData(form);data.delete('add');live.setAttribute('aria-busy','true');"
        + "fetch(form.getAttribute('data-live'),{method:'POST',body:new URLSearchParams(data),credentials:'same-origin'})"
        + ".then(function(r){if(!r.ok&&r.status!==422){throw new Error('the server answered '+r.status);}return r.text();})"
        + ".then(function(html){if(n!==seq)return;live.innerHTML=html;live.removeAttribute('aria-busy');clear();"
        + "live.querySelectorAll('li[data-field]').forEach(mark);}).catch(function(e){if(n!==seq)return;live.removeAttribute('aria-busy');"
        + "var p=document.createElement('p');p.className='error';p.textContent='The preview could not be updated ('+e.message+'); use the Preview button.';live.prepend(p);});}"
        + "function later(ms){clearTimeout(timer);timer=setTimeout(update,ms);}"
        + "form.addEventListener('input',function(){later(500);});form.addEventListener('change',function(){later(150);});})();";

    public static string StyleSource { get; } = Source(Css);

    public static string ScriptSource { get; } = Source(Script);

    private static string Source(string text) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}'";
}
