/**
 * The code that runs inside the templating realm, next to nunjucks. It is
 * kept as source text rather than as host functions because a host function
 * placed in the realm would hand templates a path back to the host's globals
 * (`fn.constructor` is the host's Function). Everything here is evaluated by
 * the realm itself, so every object a template can touch belongs to it.
 *
 * Host and realm exchange JSON strings only.
 */
export const SANDBOX_SOURCE = String.raw`
'use strict';
(function (global) {
  var nunjucks = global.nunjucks;
  delete global.nunjucks;
  var runtime = nunjucks.runtime;

  // Names that lead from a value to code (constructors, prototypes) or to
  // the host (process, require). None is data a template needs.
  // Lists, not object literals: '__proto__' in a literal would set the prototype.
  var BLOCKED_MEMBERS = [
    'constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__',
    '__lookupGetter__', '__lookupSetter__', 'caller', 'callee', 'arguments',
    'bind', 'call', 'apply', 'valueOf', 'toString'
  ];
  var BLOCKED_NAMES = [
    'process', 'require', 'module', 'exports', 'global', 'globalThis', 'Function',
    'eval', 'constructor', '__proto__', 'import', 'Buffer', 'setTimeout', 'setInterval'
  ];
  function isBlocked(list, name) {
    return typeof name === 'string' && list.indexOf(name) !== -1;
  }

  function SandboxViolation(message) {
    var error = new Error(message);
    error.name = 'SandboxViolation';
    return error;
  }

  var originalMemberLookup = runtime.memberLookup;
  runtime.memberLookup = function (obj, val) {
    if (isBlocked(BLOCKED_MEMBERS, val)) {
      throw SandboxViolation("Template expressions may not use '" + val + "': templates can read values, not reach code");
    }
    if (typeof obj === 'function') {
      throw SandboxViolation('Template expressions may not read properties of functions');
    }
    return originalMemberLookup.apply(this, arguments);
  };
  var originalLookup = runtime.contextOrFrameLookup;
  runtime.contextOrFrameLookup = function (context, frame, name) {
    if (isBlocked(BLOCKED_NAMES, name)) {
      throw SandboxViolation("Template expressions cannot reach '" + name + "': only the template's own values are in scope");
    }
    return originalLookup.apply(this, arguments);
  };

  function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }

  function decode(part) {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  }

  // host?owner=o&repo=r, the form RepoUrlPicker writes.
  function parseRepoUrl(repoUrl) {
    if (typeof repoUrl !== 'string' || !repoUrl) {
      throw new Error('parseRepoUrl expects a repository URL such as github.com?owner=acme&repo=web');
    }
    var question = repoUrl.indexOf('?');
    var host = question === -1 ? repoUrl : repoUrl.slice(0, question);
    var query = question === -1 ? '' : repoUrl.slice(question + 1);
    var result = { host: host };
    var keys = ['owner', 'repo', 'organization', 'workspace', 'project'];
    query.split('&').forEach(function (pair) {
      if (!pair) return;
      var eq = pair.indexOf('=');
      var key = decode(eq === -1 ? pair : pair.slice(0, eq));
      var value = eq === -1 ? '' : decode(pair.slice(eq + 1));
      if (keys.indexOf(key) !== -1 && value) result[key] = value;
    });
    if (!host || /[\/\s]/.test(host)) {
      throw new Error("parseRepoUrl: '" + repoUrl + "' has no host; expected e.g. github.com?owner=acme&repo=web");
    }
    if (!result.repo) {
      throw new Error("parseRepoUrl: '" + repoUrl + "' names no repo; expected e.g. github.com?owner=acme&repo=web");
    }
    return result;
  }

  function parseEntityRef(ref, defaults) {
    if (typeof ref !== 'string' || !ref.trim()) {
      throw new Error('parseEntityRef expects an entity reference such as group:default/team-a');
    }
    defaults = isObject(defaults) ? defaults : {};
    var text = ref.trim();
    var colon = text.indexOf(':');
    var slash = text.indexOf('/');
    var kind;
    var rest = text;
    if (colon !== -1 && (slash === -1 || colon < slash)) {
      kind = text.slice(0, colon);
      rest = text.slice(colon + 1);
    }
    var namespace;
    var name = rest;
    var restSlash = rest.indexOf('/');
    if (restSlash !== -1) {
      namespace = rest.slice(0, restSlash);
      name = rest.slice(restSlash + 1);
    }
    if (kind === '' || namespace === '' || !name) {
      throw new Error("parseEntityRef: '" + ref + "' is not of the form [kind:][namespace/]name");
    }
    kind = kind || defaults.defaultKind;
    namespace = namespace || defaults.defaultNamespace || 'default';
    var result = { namespace: namespace, name: name };
    if (kind) result.kind = kind;
    return result;
  }

  function pick(value, path) {
    if (typeof path !== 'string') throw new Error('pick expects a property path such as pick("name")');
    var current = value;
    var parts = path.split('.');
    for (var i = 0; i < parts.length; i++) {
      if (current === undefined || current === null) return undefined;
      if (isBlocked(BLOCKED_MEMBERS, parts[i])) {
        throw SandboxViolation("pick may not read '" + parts[i] + "'");
      }
      current = Object.prototype.hasOwnProperty.call(Object(current), parts[i]) ? current[parts[i]] : undefined;
    }
    return current;
  }

  function projectSlug(repoUrl) {
    var parsed = parseRepoUrl(repoUrl);
    return (parsed.owner || parsed.organization || parsed.workspace || parsed.project) + '/' + parsed.repo;
  }

  var typedResult;
  var hasTypedResult = false;

  function makeEnv(variableStart, variableEnd) {
    var env = new nunjucks.Environment(null, {
      autoescape: false,
      tags: { variableStart: variableStart, variableEnd: variableEnd }
    });
    env.addFilter('parseRepoUrl', parseRepoUrl);
    env.addFilter('parseEntityRef', parseEntityRef);
    env.addFilter('pick', pick);
    env.addFilter('projectSlug', projectSlug);
    // cookiecutter skeletons write jsonify where nunjucks has dump.
    env.addFilter('jsonify', function (value, indent) {
      return JSON.stringify(value, null, indent);
    });
    // Captures the value of a whole-string expression so it keeps its type.
    env.addFilter('__callboardTyped', function (value) {
      typedResult = value;
      hasTypedResult = true;
      return '';
    });
    return env;
  }

  var envs = {
    dollar: makeEnv('$' + '{{', '}}'),
    plain: makeEnv('{{', '}}')
  };

  // Compiling is most of a render's cost (nunjucks turns each template into a
  // function); the same skeleton files and step inputs come back with every
  // run of a template, so compiled templates are kept, the oldest dropped first.
  // Bounded by source size too, as a compiled template keeps a multiple of it.
  var cache = new Map();
  var CACHE_LIMIT = 5000;
  var CACHE_CHARS = 8 * 1024 * 1024;
  var cachedChars = 0;
  function compiled(syntax, env, source) {
    var key = syntax + '\u0000' + source;
    var hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    var template = new nunjucks.Template(source, env, undefined, true);
    if (source.length > CACHE_CHARS / 16) return template;
    cache.set(key, template);
    cachedChars += key.length;
    while (cache.size > CACHE_LIMIT || cachedChars > CACHE_CHARS) {
      var oldest = cache.keys().next().value;
      cache.delete(oldest);
      cachedChars -= oldest.length;
    }
    return template;
  }

  global.__callboardRender = function (requestJson) {
    var request = JSON.parse(requestJson);
    var env = envs[request.syntax] || envs.dollar;
    typedResult = undefined;
    hasTypedResult = false;
    try {
      var text = compiled(request.syntax === 'plain' ? 'plain' : 'dollar', env, request.template).render(request.context);
      if (request.typed) {
        if (!hasTypedResult) return JSON.stringify({ ok: true, kind: 'text', text: text });
        if (typedResult === undefined) return JSON.stringify({ ok: true, kind: 'undefined' });
        var json = JSON.stringify(typedResult);
        return JSON.stringify({ ok: true, kind: 'value', json: json === undefined ? 'null' : json });
      }
      return JSON.stringify({ ok: true, kind: 'text', text: text });
    } catch (error) {
      var message = error && error.message ? String(error.message) : String(error);
      var violation = /SandboxViolation|Template expressions may not|cannot reach|pick may not/.test(message);
      return JSON.stringify({ ok: false, violation: violation, message: message });
    } finally {
      typedResult = undefined;
      hasTypedResult = false;
    }
  };
})(this);
`;
