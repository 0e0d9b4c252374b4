//! A Zod expression together with its TypeScript types: what `z.infer` (output) and
//! `z.input` give for it. `values.rs` and `jsonschema.rs` build both in the same step, so the
//! declared types of `zod_declare` cannot drift from the schemas.

use super::chain::Chain;

/// A TypeScript type, as small as the Zod expressions need.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// A keyword or a type written as is: `string`, `Date`, `Json`.
    Name(&'static str),
    /// A literal type, already written as code: `"a"`, `1`, `true`.
    Lit(String),
    /// Another export's declared type (its input type when the flag is set).
    Ref(String, bool),
    /// `A | B`.
    Union(Vec<Ty>),
    /// `T[]`.
    Array(Box<Ty>),
    /// An object type: `(key, type, optional)` per member.
    Object(Vec<(String, Ty, bool)>),
    /// `Record<string, T>`.
    Record(Box<Ty>),
}

impl Ty {
    /// A union, flattened; `unknown` absorbs the other members, `never` disappears.
    pub fn union(members: Vec<Ty>) -> Ty {
        let mut flat = Vec::with_capacity(members.len());
        for m in members {
            match m {
                Ty::Union(inner) => flat.extend(inner),
                Ty::Name("never") => {}
                m => flat.push(m),
            }
        }
        if flat.contains(&Ty::Name("unknown")) {
            return Ty::Name("unknown");
        }
        match flat.len() {
            0 => Ty::Name("never"),
            1 => flat.remove(0),
            _ => Ty::Union(flat),
        }
    }

    /// `self | other` (`other` a keyword other than `unknown` and `never`).
    fn or(self, other: &'static str) -> Ty {
        match self {
            Ty::Name("unknown") => self,
            // What `union` gives, without a new list: a union's members are kept as they are.
            Ty::Union(mut members)
                if !members.is_empty() && !members.contains(&Ty::Name("unknown")) =>
            {
                members.push(Ty::Name(other));
                Ty::Union(members)
            }
            _ => Ty::union(vec![self, Ty::Name(other)]),
        }
    }

    /// Whether `undefined` is among the values (Zod 3 makes such object keys optional).
    fn admits_undefined(&self) -> bool {
        match self {
            Ty::Name(n) => matches!(*n, "unknown" | "undefined"),
            Ty::Union(m) => m.iter().any(Ty::admits_undefined),
            _ => false,
        }
    }
}

/// The output and input types of one expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Types {
    /// `z.infer`.
    pub output: Ty,
    /// `z.input`, when it is not the output (a transform, or another export's input).
    pub input: Option<Ty>,
    /// The expression ends in `.optional()` (Zod 4 makes such object keys optional).
    optional: bool,
}

impl Types {
    /// The same type in and out.
    pub fn same(output: Ty) -> Self {
        Self {
            output,
            input: None,
            optional: false,
        }
    }

    /// No types: what the combinators give when the module does not declare its types.
    pub fn untyped() -> Self {
        Self::same(Ty::Name("unknown"))
    }

    /// Different types in and out.
    pub fn transformed(output: Ty, input: Ty) -> Self {
        Self {
            output,
            input: Some(input),
            optional: false,
        }
    }

    /// The input type.
    pub fn input(&self) -> &Ty {
        self.input.as_ref().unwrap_or(&self.output)
    }

    fn map(self, f: impl Fn(Ty) -> Ty) -> Self {
        Self {
            output: f(self.output),
            input: self.input.map(&f),
            optional: false,
        }
    }

    /// Whether a member of type `ty` (its output or input) is an optional key of
    /// `z.object`'s type.
    fn optional_key(&self, ty: &Ty, v3: bool) -> bool {
        self.optional || (v3 && ty.admits_undefined())
    }
}

/// A Zod expression and its types.
#[derive(Debug, Clone)]
pub struct Typed {
    /// The expression.
    pub chain: Chain,
    /// Its types.
    pub types: Types,
}

impl Typed {
    /// An expression whose input and output are `ty`.
    pub fn new(chain: Chain, ty: Ty) -> Self {
        Self {
            chain,
            types: Types::same(ty),
        }
    }

    /// An expression with the given types.
    pub fn with(chain: Chain, types: Types) -> Self {
        Self { chain, types }
    }

    /// Adds `.name(code)` that only refines (the types stay).
    pub fn call1(
        self,
        name: &'static str,
        code: impl Into<std::borrow::Cow<'static, str>>,
    ) -> Self {
        Self {
            chain: self.chain.call1(name, code),
            types: self.types,
        }
    }

    /// Adds `.name()` that only refines (the types stay).
    pub fn call0(self, name: &'static str) -> Self {
        Self {
            chain: self.chain.call0(name),
            types: self.types,
        }
    }

    /// `.nullable()`.
    pub fn nullable(self) -> Self {
        Self {
            chain: self.chain.call0("nullable"),
            types: self.types.map(|t| t.or("null")),
        }
    }

    /// `.optional()`.
    pub fn optional(self) -> Self {
        let mut types = self.types.map(|t| t.or("undefined"));
        types.optional = true;
        Self {
            chain: self.chain.call0("optional"),
            types,
        }
    }

    /// Wraps the expression (`z.array(...)`) with new types.
    pub fn wrap(chain: Chain, types: Types) -> Self {
        Self { chain, types }
    }
}

/// The types of a container of `inner`'s values (`make` wraps each side).
fn wrapped(inner: &Types, make: impl Fn(Box<Ty>) -> Ty) -> Types {
    Types {
        output: make(Box::new(inner.output.clone())),
        input: inner.input.as_ref().map(|i| make(Box::new(i.clone()))),
        optional: false,
    }
}

/// The types of `z.array(element)`.
pub fn array_of(element: &Types) -> Types {
    wrapped(element, Ty::Array)
}

/// The types of `z.union(members)`.
pub fn union_of<'a>(members: impl Iterator<Item = &'a Types> + Clone) -> Types {
    let output = Ty::union(members.clone().map(|m| m.output.clone()).collect());
    let differs = members.clone().any(|m| m.input.is_some());
    Types {
        output,
        input: differs.then(|| Ty::union(members.map(|m| m.input().clone()).collect())),
        optional: false,
    }
}

/// The types of `z.record(z.string(), value)`.
pub fn record_of(value: &Types) -> Types {
    wrapped(value, Ty::Record)
}

/// The types of `z.object(members)` (also strict: the types are the same); the members'
/// output types move in.
pub fn object_of(members: Vec<(String, Types)>, v3: bool) -> Types {
    let differs = members.iter().any(|(_, t)| t.input.is_some());
    let input = differs.then(|| {
        Ty::Object(
            members
                .iter()
                .map(|(k, t)| (k.clone(), t.input().clone(), t.optional_key(t.input(), v3)))
                .collect(),
        )
    });
    let output = Ty::Object(
        members
            .into_iter()
            .map(|(k, t)| {
                let optional = t.optional_key(&t.output, v3);
                (k, t.output, optional)
            })
            .collect(),
    );
    Types {
        output,
        input,
        optional: false,
    }
}
